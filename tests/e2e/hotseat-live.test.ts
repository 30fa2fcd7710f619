import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * Runs the real-browser scenario (scenarios/hotseat-live.ts) in its own process: playwright's
 * actions stall inside jest 29's module sandbox, while the scenario itself is plain Node.
 */
describe('in a real browser, inside an LMS iframe', () => {
  it('a learner and an instructor see each other\'s moves on the hotseat page without reloading', () => {
    const scenario = path.join(__dirname, 'scenarios', 'hotseat-live.ts');
    const result = spawnSync(process.execPath, [require.resolve('tsx/cli'), scenario], {
      cwd: path.resolve(__dirname, '../..'),
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, LOG_LEVEL: 'silent' },
    });
    const output = `${result.stdout}\n${result.stderr}`;
    expect({ status: result.status, output }).toEqual({ status: 0, output: expect.stringContaining('ALL STEPS PASSED') });
  }, 130_000);
});
