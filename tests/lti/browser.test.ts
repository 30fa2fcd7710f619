import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * Runs the real-browser scenarios in scenarios/ each in its own process: playwright's actions stall
 * inside jest 29's module sandbox, while the scenarios themselves are plain Node.
 */
function runScenario(name: string) {
  const result = spawnSync(process.execPath, [require.resolve('tsx/cli'), path.join(__dirname, 'scenarios', `${name}.ts`)], {
    cwd: path.resolve(__dirname, '../..'),
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, LOG_LEVEL: 'silent' },
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

describe('LTI Advantage in a real browser, inside the LMS iframe', () => {
  it('launches through LTI platform storage when the frame drops cookies and opens Agora in a new window; without storage it explains and offers one', () => {
    expect(runScenario('platform-storage')).toEqual({ status: 0, output: expect.stringContaining('ALL STEPS PASSED') });
  }, 130_000);

  it('shows staff the roster and the deep-linking picker at 360 px, and the picked link goes back to the LMS by itself', () => {
    expect(runScenario('staff-pages')).toEqual({ status: 0, output: expect.stringContaining('ALL STEPS PASSED') });
  }, 130_000);
});
