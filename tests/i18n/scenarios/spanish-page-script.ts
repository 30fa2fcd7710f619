/**
 * The page script in Spanish, in a real browser inside the LMS iframe: a learner whose launch asks
 * for es-ES gets the script's own words (connection status, announcements, live counts) and its
 * re-rendered times in Spanish, from the catalog the layout embeds under the CSP, while an English
 * instructor posts a thread that arrives live on her page.
 *
 * Runs as its own Node process (see ../page-script.test.ts), like the e2e scenarios.
 */
import assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { translate } from '../../../src/i18n/translate';
import { startLmsBrowser } from '../../support/lms-browser';
import { runScenario, step } from '../../support/scenario';
import { ROLE } from '../../support/test-platform';

async function main(): Promise<void> {
  // Each course page counts as open once its script is live; both browsers are set to English.
  const { openCourseAs, close } = await startLmsBrowser({
    users: [
      { sub: 'lucia', name: 'Lucía Pérez', roles: [ROLE.learner], contextTitle: 'Biology 101', locale: 'es-ES' },
      { sub: 'grace', name: 'Grace Hopper', roles: [ROLE.instructor], contextTitle: 'Biology 101' },
    ],
    browserLocale: 'en-US',
    readyWhen: 'live',
  });
  try {
    const openDiscussion = async (frame: FrameLocator) => {
      await frame.locator('nav a[href$="/discussion"]').first().click();
      await frame.locator('[data-connection][data-state="live"]').waitFor();
    };

    const lucia = await step('Lucía launches Agora with a Spanish locale (her browser is set to English)', () => openCourseAs('lucia'));
    await step('the page is in Spanish and the script says "live" in Spanish', async () => {
      assert.equal(await lucia.frameLocator.locator('html').getAttribute('lang'), 'es');
      assert.equal(await lucia.frameLocator.locator('[data-connection-text]').textContent(), translate('es', 'client.live'));
    });
    await step('Lucía opens the discussion room', () => openDiscussion(lucia.frameLocator));

    const grace = await step('Grace launches in English in another browser', () => openCourseAs('grace'));
    await step('Grace posts a thread with the form', async () => {
      assert.equal(await grace.frameLocator.locator('html').getAttribute('lang'), 'en');
      await openDiscussion(grace.frameLocator);
      await grace.frameLocator.getByText('Start a thread').click();
      await grace.frameLocator.getByLabel('Title').fill('Photosynthesis at night?');
      await grace.frameLocator.getByLabel(/Your post/).fill('What happens to the Calvin cycle in the dark?');
      await grace.frameLocator.getByRole('button', { name: 'Publish thread' }).click();
      await grace.frameLocator.getByRole('heading', { name: 'Photosynthesis at night?' }).waitFor();
    });
    await step('the thread arrives live on Lucía’s page, in Spanish, with a Spanish announcement', async () => {
      const arrived = lucia.frameLocator.locator('[data-thread-list] .thread-item').filter({ hasText: 'Photosynthesis at night?' });
      await arrived.waitFor({ timeout: 10_000 });
      assert.match((await arrived.textContent()) ?? '', new RegExp(translate('es', 'discussion.replyCount', { count: 0 })));
      await lucia.frameLocator.locator('#live-announcer').filter({ hasText: translate('es', 'client.newThread', { title: 'Photosynthesis at night?' }) }).waitFor();
    });
    await step('its time was re-rendered by the script in Spanish, in the viewer’s own zone', async () => {
      const time = (await lucia.frameLocator.locator('[data-thread-list] .thread-item time').first().textContent()) ?? '';
      assert.match(time, /^\d{1,2} (ene|feb|mar|abr|may|jun|jul|ago|sept?|oct|nov|dic) \d{4}, \d{1,2}:\d{2}$/);
    });
  } finally {
    await close();
  }
}

runScenario(main);
