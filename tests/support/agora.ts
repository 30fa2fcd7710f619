import net from 'node:net';
import pino from 'pino';
import { startAgora, type Agora } from '../../src/agora';
import { loadConfig } from '../../src/config';
import type { TestPlatform } from './test-platform';
import { tempDir } from './temp';

/** A free loopback port, so PUBLIC_URL can be known before Agora listens. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface TestAgora extends Agora {
  dataDir: string;
}

/** Starts a real Agora on loopback with its own SQLite file (or MONGODB_URI when a test asks for it). */
export async function startTestAgora(env: Record<string, string> = {}, options: { now?: () => Date } = {}): Promise<TestAgora> {
  const port = await freePort();
  const dataDir = tempDir('app');
  const config = loadConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const agora = await startAgora(config, { logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), now: options.now });
  return Object.assign(agora, { dataDir });
}

/** Registers a test platform and its deployment with Agora, as `npm run platform -- add` would. */
export async function registerPlatform(agora: Agora, platform: TestPlatform, deploymentIds?: string[]): Promise<void> {
  await agora.lti.registry.add(platform.registration(deploymentIds));
}
