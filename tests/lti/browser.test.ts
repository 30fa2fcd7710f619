import path from 'node:path';
import { runScenarioProcess, scenarioPassed } from '../support/scenario';

/**
 * Runs the real-browser scenarios in scenarios/ each in its own process: playwright's actions stall
 * inside jest 29's module sandbox, while the scenarios themselves are plain Node.
 */
const runScenario = (name: string) => runScenarioProcess(path.join(__dirname, 'scenarios', `${name}.ts`));

describe('LTI Advantage in a real browser, inside the LMS iframe', () => {
  it('launches through LTI platform storage when the frame drops cookies and opens Agora in a new window; without storage it explains and offers one', () => {
    expect(runScenario('platform-storage')).toEqual(scenarioPassed());
  }, 130_000);

  it('shows staff the roster and the deep-linking picker at 360 px, and the picked link goes back to the LMS by itself', () => {
    expect(runScenario('staff-pages')).toEqual(scenarioPassed());
  }, 130_000);
});
