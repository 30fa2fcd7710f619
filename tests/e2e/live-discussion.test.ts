import path from 'node:path';
import { runScenarioProcess, scenarioPassed } from '../support/scenario';

/**
 * Runs the real-browser scenario (scenarios/live-discussion.ts) in its own process: playwright's
 * actions stall inside jest 29's module sandbox, while the scenario itself is plain Node.
 */
describe('in a real browser, inside an LMS iframe', () => {
  it('launches two people, and a thread and a reply by one appear live for the other', () => {
    expect(runScenarioProcess(path.join(__dirname, 'scenarios', 'live-discussion.ts'))).toEqual(scenarioPassed());
  }, 130_000);
});
