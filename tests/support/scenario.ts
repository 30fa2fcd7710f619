import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * Real-browser scenarios run as plain Node processes (playwright's actions stall inside jest 29's
 * module sandbox). A scenario is a list of named steps; the process says which step failed, or
 * "ALL STEPS PASSED", and its jest test runs it and checks that.
 */
export async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
  process.stdout.write(`- ${name}\n`);
  try {
    return await work();
  } catch (error) {
    throw new Error(`step "${name}" failed: ${(error as Error).message}`);
  }
}

/** The scenario file's entry point: runs `main`, exits non-zero with the failure when anything is wrong. */
export function runScenario(main: () => Promise<void>): void {
  main()
    .then(() => process.stdout.write('ALL STEPS PASSED\n'))
    .catch((error: unknown) => {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    });
}

/** The jest side: runs a scenario file in its own process; the test expects status 0 and "ALL STEPS PASSED". */
export function runScenarioProcess(file: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [require.resolve('tsx/cli'), file], {
    cwd: path.resolve(__dirname, '../..'),
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, LOG_LEVEL: 'silent' },
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

/** What a passing scenario process looks like, for jest's toEqual (a function: scenario processes have no `expect`). */
export const scenarioPassed = () => ({ status: 0, output: expect.stringContaining('ALL STEPS PASSED') });
