import path from 'node:path';
import { runScenarioProcess, scenarioPassed } from '../support/scenario';

/** Runs scenarios/spanish-page-script.ts in its own process (playwright stalls inside jest's module sandbox). */
describe('the page script in Spanish, in a real browser', () => {
  it('says its own words and re-renders times in the page’s language', () => {
    expect(runScenarioProcess(path.join(__dirname, 'scenarios', 'spanish-page-script.ts'))).toEqual(scenarioPassed());
  }, 130_000);
});
