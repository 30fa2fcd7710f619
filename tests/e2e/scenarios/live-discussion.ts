/**
 * The whole path in a real browser: an LMS course page embeds Agora in a 360 px iframe, the LMS
 * launches it (login initiation → OIDC → signed id_token), a learner posts a thread, and an
 * instructor in another browser context sees it arrive live, without reloading.
 *
 * Runs as its own Node process (see ../live-discussion.test.ts): playwright does not work inside
 * jest 29's module sandbox. Exits non-zero, naming the failed step, when anything is wrong.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startLmsBrowser } from '../../support/lms-browser';
import { runScenario, step } from '../../support/scenario';
import { ROLE } from '../../support/test-platform';

const SCREENSHOTS = path.resolve(__dirname, '../../.tmp/screenshots');

async function main(): Promise<void> {
  const { openCourseAs, close } = await startLmsBrowser({
    users: [
      { sub: 'ada', name: 'Ada Lovelace', roles: [ROLE.learner], contextTitle: 'Biology 101' },
      { sub: 'grace', name: 'Grace Hopper', roles: [ROLE.instructor], contextTitle: 'Biology 101' },
    ],
  });
  try {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });

    const ada = await step('Ada (learner) launches Agora from the LMS course page', () => openCourseAs('ada'));
    await step('Ada lands on the course home', () => ada.frameLocator.getByRole('heading', { name: 'Biology 101' }).waitFor());
    const grace = await step('Grace (instructor) launches in another browser context', () => openCourseAs('grace'));
    await step('Grace is shown as course staff', () => grace.frameLocator.getByText('Course staff').waitFor());
    await step('each sees the other under "Here now"', async () => {
      await grace.frameLocator.locator('[data-presence-list]').getByText('Ada Lovelace').waitFor();
      await ada.frameLocator.locator('[data-presence-list]').getByText('Grace Hopper').waitFor();
    });
    await ada.page.screenshot({ path: path.join(SCREENSHOTS, 'course-home-learner.png') });

    await step('Grace opens the empty discussion room and goes live', async () => {
      await grace.frameLocator.getByRole('link', { name: 'Discussion', exact: true }).click();
      await grace.frameLocator.getByText('No threads yet.').waitFor();
      await grace.frameLocator.locator('[data-connection][data-state="live"]').waitFor();
    });
    await step('Ada posts a thread with the form', async () => {
      await ada.frameLocator.getByRole('link', { name: 'Discussion', exact: true }).click();
      await ada.frameLocator.getByText('Start a thread').click();
      await ada.frameLocator.getByLabel('Question').check();
      await ada.frameLocator.getByLabel('Title').fill('Why do leaves change colour?');
      const post = ada.frameLocator.getByLabel(/Your post/);
      await post.fill('Is it **only** chlorophyll breaking down? Asking');
      // @mention autocomplete: type, see the suggestion, take it with the keyboard.
      await post.pressSequentially(' @gra');
      await ada.frameLocator.getByRole('option', { name: /Grace Hopper/ }).waitFor();
      await post.press('Enter');
      assert.match(await post.inputValue(), /@grace\.hopper $/);
      await ada.frameLocator.getByRole('button', { name: 'Publish thread' }).click();
      await ada.frameLocator.getByRole('heading', { name: 'Why do leaves change colour?' }).waitFor();
    });
    await step('Grace, mentioned, sees her notification count rise live', async () => {
      await grace.frameLocator.locator('[data-unread-count]').filter({ hasText: '1' }).waitFor({ timeout: 10_000 });
    });
    await step("Grace sees Ada's thread appear without reloading", async () => {
      const arrived = grace.frameLocator.locator('[data-thread-list] .thread-item').filter({ hasText: 'Why do leaves change colour?' });
      await arrived.waitFor({ timeout: 10_000 });
      assert.match((await arrived.textContent()) ?? '', /Ada Lovelace/);
      assert.equal(await grace.frameLocator.getByText('No threads yet.').count(), 0);
    });
    await grace.page.screenshot({ path: path.join(SCREENSHOTS, 'discussion-live.png') });

    await step("Grace replies and Ada sees the reply arrive live", async () => {
      await grace.frameLocator.getByRole('link', { name: 'Why do leaves change colour?' }).click();
      await grace.frameLocator.getByRole('textbox', { name: /^Answer/ }).fill('Carotenoids were there all along.');
      await grace.frameLocator.getByRole('button', { name: 'Post answer' }).click();
      await ada.frameLocator.locator('[data-reply-list]').getByText('Carotenoids were there all along.').waitFor({ timeout: 10_000 });
    });
    await ada.page.screenshot({ path: path.join(SCREENSHOTS, 'thread-live-reply.png') });

    await step('the course home shows the room activity (the README screenshot)', async () => {
      await ada.frameLocator.getByRole('link', { name: 'Home', exact: true }).click();
      await ada.frameLocator.getByText('1 thread', { exact: true }).waitFor();
      await ada.frameLocator.locator('[data-presence-list]').getByText('Grace Hopper').waitFor();
      await ada.page.setViewportSize({ width: 400, height: 1000 });
      await ada.page.evaluate("document.getElementById('tool').style.height = '960px'");
      await ada.page.screenshot({ path: path.join(SCREENSHOTS, 'course-home.png') });
    });
  } finally {
    await close();
  }
}

runScenario(main);
