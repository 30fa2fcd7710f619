import path from 'node:path';
import { runScenarioProcess, scenarioPassed } from '../support/scenario';

/** Runs the real-browser scenario (scenarios/champion-live.ts) in its own process, as tests/e2e does. */
describe('a champion on a live thread page, in a real browser', () => {
  it('keeps Pin and Lock when the thread changes live', () => {
    expect(runScenarioProcess(path.join(__dirname, 'scenarios', 'champion-live.ts'))).toEqual(scenarioPassed());
  }, 130_000);
});
