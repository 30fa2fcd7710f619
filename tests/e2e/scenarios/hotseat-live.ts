/**
 * The hotseat page's live script (src/public/js/hotseat.js) in a real browser, inside the LMS
 * iframe: a learner asks and votes, the instructor spotlights, answers and closes, and each sees
 * the other's moves without reloading. Runs as its own Node process (see ../hotseat-live.test.ts).
 * Exits non-zero, naming the failed step, when anything is wrong.
 */
import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { startLmsBrowser } from '../../support/lms-browser';
import { runScenario, step } from '../../support/scenario';
import { ROLE } from '../../support/test-platform';

async function main(): Promise<void> {
  const { agora, openCourseAs, close } = await startLmsBrowser({
    users: [
      { sub: 'ada', name: 'Ada Lovelace', roles: [ROLE.learner], contextTitle: 'Biology 101' },
      { sub: 'grace', name: 'Grace Hopper', roles: [ROLE.instructor], contextTitle: 'Biology 101' },
    ],
    viewport: { width: 420, height: 900 },
    logPageErrors: true,
  });
  try {
    const question = (frame: Frame, list: string, text: string) => frame.locator(`[data-question-list="${list}"] .post-body`).getByText(text);

    const grace = await step('Grace (instructor) launches Agora from the LMS', () => openCourseAs('grace'));
    const courseId = /\/c\/([^/?#]+)/.exec(grace.frame.url())![1]!;
    const hotseatPath = await step('Grace schedules a hotseat that is live now', async () => {
      const now = Date.now();
      const body = {
        title: 'Browser hotseat', publish: true, opensAt: new Date(now - 120_000).toISOString(),
        startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(),
      };
      const created = await grace.frame.evaluate(async ([path, payload]) => {
        const response = await fetch(path, {
          method: 'POST',
          headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'X-CSRF-Token': document.body.getAttribute('data-csrf') ?? '' },
          body: JSON.stringify(payload),
        });
        return (await response.json()) as { data: { url: string } };
      }, [`/c/${courseId}/hotseats`, body] as const);
      return created.data.url;
    });
    const ada = await step('Ada (learner) launches Agora from the LMS', () => openCourseAs('ada'));
    await step('both open the hotseat and go live', async () => {
      await ada.frame.goto(`${agora.url}${hotseatPath}`);
      await grace.frame.goto(`${agora.url}${hotseatPath}`);
      await ada.frame.locator('[data-connection][data-state="live"]').waitFor({ timeout: 10_000 });
      await grace.frame.locator('[data-connection][data-state="live"]').waitFor({ timeout: 10_000 });
    });
    await step('Ada asks with the form and sees her question, the form emptied', async () => {
      await ada.frame.locator('#ask-body').fill('Why is the sky blue?');
      await ada.frame.getByRole('button', { name: 'Ask' }).click();
      await question(ada.frame, 'open', 'Why is the sky blue?').waitFor({ timeout: 10_000 });
      assert.equal(await ada.frame.locator('#ask-body').inputValue(), '');
    });
    await step('Grace sees it arrive without reloading', () => question(grace.frame, 'open', 'Why is the sky blue?').waitFor({ timeout: 10_000 }));
    await step('the watching count shows two people', () => grace.frame.locator('[data-watching-count]').filter({ hasText: '2' }).waitFor({ timeout: 10_000 }));
    await step('Ada votes; Grace sees the count move', async () => {
      await ada.frame.locator('[data-vote-button]').first().click();
      await ada.frame.locator('[data-vote-button][aria-pressed="true"]').waitFor({ timeout: 5_000 });
      await grace.frame.locator('[data-question-list="open"] [data-vote-count]').filter({ hasText: '1' }).waitFor({ timeout: 5_000 });
    });
    await step('Grace puts it in the spotlight; Ada sees "answering now"', async () => {
      await grace.frame.getByRole('button', { name: 'Answer now' }).click();
      await ada.frame.locator('[data-answering]:not([hidden])').getByText('Why is the sky blue?').waitFor({ timeout: 5_000 });
    });
    await step('Grace answers; Ada sees the answer, and the spotlight clears', async () => {
      // The spotlit question's answer form is open already.
      await grace.frame.locator('textarea[id^="answer-"]').fill('Rayleigh **scattering**.');
      await grace.frame.getByRole('button', { name: 'Mark answered' }).click();
      await question(ada.frame, 'answered', 'Why is the sky blue?').waitFor({ timeout: 5_000 });
      await ada.frame.locator('[data-question-list="answered"] strong').getByText('scattering').waitFor({ timeout: 5_000 });
      await ada.frame.locator('[data-answering][hidden]').waitFor({ state: 'attached', timeout: 5_000 });
    });
    await step('Ada asks again; the edit form starts from her words', async () => {
      await ada.frame.locator('#ask-body').fill('And sunsets?');
      await ada.frame.getByRole('button', { name: 'Ask' }).click();
      await question(ada.frame, 'open', 'And sunsets?').waitFor({ timeout: 10_000 });
      assert.equal(await ada.frame.locator('textarea[id^="edit-"]').first().inputValue(), 'And sunsets?');
    });
    await step('Ada drops offline; Grace answers meanwhile; back online, Ada\'s page catches up by itself', async () => {
      const adaSession = (await ada.page.context().cookies()).find((cookie) => cookie.name === 'agora_sid')!.value;
      await ada.page.context().setOffline(true);
      // The server ends Ada's connection too, as a dropped network would (an idle socket may not notice at once).
      for (const socket of agora.realtime.io.sockets.sockets.values()) {
        if ((socket.handshake.headers.cookie ?? '').includes(adaSession)) socket.conn.close();
      }
      await ada.frame.locator('[data-connection][data-state="offline"]').waitFor({ timeout: 10_000 });
      const sunsets = grace.frame.locator('[data-question-list="open"] > *', { hasText: 'And sunsets?' });
      await sunsets.getByRole('button', { name: 'Answer now' }).click();
      await sunsets.locator('textarea[id^="answer-"]').fill('The light crosses **more air**.');
      await sunsets.getByRole('button', { name: 'Mark answered' }).click();
      await question(grace.frame, 'answered', 'And sunsets?').waitFor({ timeout: 5_000 });
      // Missed while offline: no event will bring it.
      assert.equal(await question(ada.frame, 'answered', 'And sunsets?').count(), 0);
      await ada.page.context().setOffline(false);
      await ada.frame.locator('[data-question-list="answered"] strong').getByText('more air').waitFor({ timeout: 20_000 });
      await ada.frame.locator('[data-connection][data-state="live"]').waitFor({ timeout: 5_000 });
      assert.equal(await ada.frame.locator('[data-hotseat-banner]').count(), 0, 'no "reload to be sure" banner once caught up');
    });
    await step('Grace closes it; Ada\'s page turns into the archive by itself', async () => {
      await grace.frame.getByRole('button', { name: 'Close now' }).click();
      await ada.frame.getByRole('heading', { name: 'Summary' }).waitFor({ timeout: 10_000 });
    });
  } finally {
    await close();
  }
}

runScenario(main);
