/**
 * The staff pages of LTI Advantage in a real browser, inside the LMS's 360 px iframe: the
 * deep-linking picker (chosen by keyboard; its signed answer auto-submits to the LMS, which the
 * page's CSP must allow) and the roster page. Both must fit 360 px without sideways scrolling.
 * Runs as its own Node process (see ../browser.test.ts).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { startLmsBrowser } from '../../support/lms-browser';
import { runScenario, step } from '../../support/scenario';
import { ROLE } from '../../support/test-platform';

const SCREENSHOTS = path.resolve(__dirname, '../../.tmp/screenshots');


async function toolFrame(page: Page): Promise<Frame> {
  const handle = await page.locator('#tool').elementHandle();
  const frame = await handle!.contentFrame();
  assert.ok(frame, 'the tool iframe has a document');
  return frame;
}

async function fitsWidth(frame: Frame): Promise<void> {
  const { scroll, width } = await frame.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  assert.ok(scroll <= width, `the page is ${scroll} px wide in a ${width} px frame`);
}

async function main(): Promise<void> {
  const { agora, platform, courseUrl, openCourseAs, close } = await startLmsBrowser();
  try {
    // Staff's launches carry the LMS's services: Names and Roles, and (for picking) deep linking.
    platform.services.toolJwksUrl = `${agora.url}/lti/keys`;
    platform.services.setRoster('bio', [
      { user_id: 'grace', name: 'Grace Hopper', roles: [ROLE.instructor] },
      { user_id: 'ada', name: 'Ada Lovelace', roles: [ROLE.learner] },
    ]);
    const staff = { sub: 'grace', name: 'Grace Hopper', roles: [ROLE.instructor], contextId: 'bio', contextTitle: 'Biology 101' };
    platform.setUser('grace', platform.claims({ ...staff, extra: platform.services.namesRolesClaim('bio') }));
    platform.setUser('grace-picking', platform.claims({ ...staff, extra: platform.services.deepLinkingClaims() }));
    fs.mkdirSync(SCREENSHOTS, { recursive: true });

    const { page } = await step('staff open Agora, and the roster page shows the members read from the LMS', async () => {
      const opened = await openCourseAs('grace');
      await agora.lti.roster.idle();
      const { frame } = opened;
      const coursePage = new URL(frame.url());
      await frame.goto(`${coursePage.origin}${coursePage.pathname}/roster`);
      await frame.getByText('Ada Lovelace').waitFor();
      assert.match(await frame.locator('[data-roster-last-sync]').innerText(), /Last synced: .+/);
      await fitsWidth(frame);
      await opened.page.screenshot({ path: path.join(SCREENSHOTS, 'lti-roster.png') });
      return opened;
    });

    await step('a deep linking launch shows the picker, which fits the frame and is used by keyboard', async () => {
      await page.goto(courseUrl('grace-picking'));
      const frame = page.frameLocator('#tool');
      await frame.getByRole('heading', { name: 'Add Agora to your course' }).waitFor({ timeout: 15_000 });
      await fitsWidth(await toolFrame(page));
      await page.screenshot({ path: path.join(SCREENSHOTS, 'lti-deep-link-picker.png') });
      await frame.getByLabel('Discussion room').focus();
      await page.keyboard.press('Space');
      assert.equal(await frame.getByLabel('Discussion room').isChecked(), true);
      await frame.getByRole('button', { name: 'Add link' }).focus();
      await page.keyboard.press('Enter');
    });

    await step('the signed answer goes back to the LMS by itself, and the LMS accepts it', async () => {
      await page.frameLocator('#tool').getByText('Link added to the course.').waitFor({ timeout: 15_000 });
      const items = platform.services.deepLinkResponses[0]!['https://purl.imsglobal.org/spec/lti-dl/claim/content_items'] as Array<{ title: string }>;
      assert.equal(items[0]!.title, 'Agora · Discussion room');
    });

  } finally {
    await close();
  }
}

runScenario(main);
