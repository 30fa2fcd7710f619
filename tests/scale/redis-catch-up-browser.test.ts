import path from 'node:path';
import { runScenarioProcess, scenarioPassed } from '../support/scenario';

/**
 * Runs the real-browser scenario (scenarios/redis-catch-up.ts) in its own process: playwright's
 * actions stall inside jest 29's module sandbox, while the scenario itself is plain Node.
 */
describe('in a real browser, with two Agora processes, when Redis goes down and comes back', () => {
  it('the discussion room and the hotseat page show what the other process took during the outage, without reloading', () => {
    expect(runScenarioProcess(path.join(__dirname, 'scenarios', 'redis-catch-up.ts'))).toEqual(scenarioPassed());
  }, 130_000);
});
