import path from 'node:path';
import { runScenarioProcess, scenarioPassed } from '../support/scenario';

/**
 * Runs the real-browser scenario (scenarios/hotseat-live.ts) in its own process: playwright's
 * actions stall inside jest 29's module sandbox, while the scenario itself is plain Node.
 */
describe('in a real browser, inside an LMS iframe', () => {
  it('a learner and an instructor see each other\'s moves on the hotseat page without reloading', () => {
    expect(runScenarioProcess(path.join(__dirname, 'scenarios', 'hotseat-live.ts'))).toEqual(scenarioPassed());
  }, 130_000);
});
