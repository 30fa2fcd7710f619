/**
 * What every Agora CLI shares: the same store and LTI setup the server uses (so registrations are
 * seen without a restart), and one way to end: a usage or configuration problem prints its
 * sentence and exits 2; anything else exits 1.
 */
import { ConfigError, loadConfig } from '../config';
import { isAppError } from '../domain/errors';
import { createLti, type Lti } from '../lti';
import { openStorage } from '../storage/open';

export class UsageError extends Error {}

/** Opens the store and the LTI layer for `work`, and closes both whatever happens. */
export async function withLti<T>(work: (lti: Lti) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const storage = await openStorage(config);
  const lti = await createLti({
    storage,
    secret: config.secret,
    publicUrl: config.publicUrl,
    secureCookies: config.secureCookies,
    onLaunch: async () => undefined,
  });
  try {
    return await work(lti);
  } finally {
    await lti.close();
    await storage.close();
  }
}

export function runCli(main: (argv: string[]) => Promise<void>): void {
  main(process.argv.slice(2)).catch((error: unknown) => {
    const known = error instanceof UsageError || error instanceof ConfigError || isAppError(error)
      || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`${known ? (error as Error).message : `Unexpected error: ${(error as Error).message}`}\n`);
    if (error instanceof UsageError) process.stderr.write('Run with --help for usage.\n');
    process.exit(known ? 2 : 1);
  });
}
