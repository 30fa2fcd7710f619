/**
 * Composition root: reads the configuration, starts Agora, tells the administrator what the LMS
 * needs, and shuts down cleanly on SIGINT/SIGTERM. Imports everything; imported by nothing.
 */
import pino from 'pino';
import { startAgora } from './agora';
import { ConfigError, loadConfig } from './config';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Agora cannot start: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = pino({ level: config.logLevel });
  const agora = await startAgora(config, { logger });
  const platforms = await agora.lti.registry.list();
  const base = config.publicUrl;
  process.stdout.write([
    '',
    `Agora is running at ${base} (listening on ${config.host}:${config.port}, storage: ${agora.storage.kind})`,
    '',
    'Register Agora in your LMS with these values:',
    `  OIDC login initiation URL  ${base}/lti/login`,
    `  Launch / redirect URL      ${base}/lti/launch`,
    `  Deep linking URL           ${base}/lti/deep-link`,
    `  Public keyset (JWKS) URL   ${base}/lti/keys`,
    '',
    platforms.length === 0
      ? 'No LMS is registered yet. Then tell Agora about the LMS: npm run platform -- add --help'
      : `Registered platforms: ${platforms.map((p) => `${p.name} (${p.deploymentIds.length} deployment${p.deploymentIds.length === 1 ? '' : 's'})`).join(', ')}`,
    '',
  ].join('\n'));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    agora.close().then(() => process.exit(0), (error: unknown) => {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Agora could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
