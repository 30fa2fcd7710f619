import fs from 'node:fs';
import path from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { registerPlatform, startTestAgora, type TestAgora } from '../support/agora';
import { launchChromium } from '../support/chromium';
import { ROLE, TestPlatform } from '../support/test-platform';

/**
 * The whole path in a real browser: an LMS course page embeds Agora in a 360 px iframe, the LMS
 * launches it (login initiation → OIDC → signed id_token), a learner posts a thread, and an
 * instructor in another browser context sees it arrive live, without reloading.
 */
const SCREENSHOTS = path.resolve(__dirname, '../.tmp/screenshots');

describe('in a real browser, inside an LMS iframe', () => {
  let agora: TestAgora;
  let platform: TestPlatform;
  let browser: Browser;

  beforeAll(async () => {
    agora = await startTestAgora();
    platform = await TestPlatform.start();
    await registerPlatform(agora, platform);
    platform.setUser('ada', platform.claims({ sub: 'ada', name: 'Ada Lovelace', roles: [ROLE.learner], contextTitle: 'Biology 101' }));
    platform.setUser('grace', platform.claims({ sub: 'grace', name: 'Grace Hopper', roles: [ROLE.instructor], contextTitle: 'Biology 101' }));
    browser = await launchChromium();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await agora?.close();
    await platform?.close();
  });

  async function openCourseAs(user: string): Promise<{ page: Page; tool: FrameLocator }> {
    const context = await browser.newContext({ viewport: { width: 420, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${platform.url}/course/bio?user=${user}&tool=${encodeURIComponent(agora.url)}`);
    const tool = page.frameLocator('#tool');
    await tool.getByText('Signed in as').waitFor({ timeout: 15_000 });
    return { page, tool };
  }

  it('launches both people into the course home and shows each other live', async () => {
    const ada = await openCourseAs('ada');
    await ada.tool.getByRole('heading', { name: 'Biology 101' }).waitFor();
    const grace = await openCourseAs('grace');
    await grace.tool.getByText('Course staff').waitFor();
    // Presence: Grace sees Ada here now, and Ada sees Grace arrive.
    await grace.tool.locator('[data-presence-list]').getByText('Ada Lovelace').waitFor();
    await ada.tool.locator('[data-presence-list]').getByText('Grace Hopper').waitFor();
    await ada.page.screenshot({ path: path.join(SCREENSHOTS, 'course-home-learner.png') });

    // Both go to the discussion room; Grace waits there.
    await grace.tool.getByRole('link', { name: 'Discussion', exact: true }).click();
    await grace.tool.getByText('No threads yet.').waitFor();
    await grace.tool.locator('[data-connection][data-state="live"]').waitFor();
    await ada.tool.getByRole('link', { name: 'Discussion', exact: true }).click();

    // Ada posts with the keyboard-accessible form.
    await ada.tool.getByLabel('Title').fill('Why do leaves change colour?');
    await ada.tool.getByLabel(/Your post/).fill('Is it **only** chlorophyll breaking down?');
    await ada.tool.getByRole('button', { name: 'Publish thread' }).click();
    await ada.tool.getByRole('heading', { name: 'Why do leaves change colour?' }).waitFor();

    // Grace sees it appear without reloading.
    const arrived = grace.tool.locator('[data-thread-list] .thread-item').filter({ hasText: 'Why do leaves change colour?' });
    await arrived.waitFor({ timeout: 10_000 });
    await expectText(arrived, 'Ada Lovelace');
    await grace.page.screenshot({ path: path.join(SCREENSHOTS, 'discussion-live.png') });

    // Grace replies from the thread page; Ada, on that page, sees the reply arrive live.
    await grace.tool.getByRole('link', { name: 'Why do leaves change colour?' }).click();
    await grace.tool.getByLabel(/Reply/).fill('Carotenoids were there all along.');
    await grace.tool.getByRole('button', { name: 'Send reply' }).click();
    await ada.tool.locator('[data-reply-list]').getByText('Carotenoids were there all along.').waitFor({ timeout: 10_000 });
    await ada.page.screenshot({ path: path.join(SCREENSHOTS, 'thread-live-reply.png') });

    // The course home now shows the room's activity (the README's screenshot comes from here).
    await ada.tool.getByRole('link', { name: 'Home', exact: true }).click();
    await ada.tool.getByText('1 thread', { exact: true }).waitFor();
    await ada.tool.locator('[data-presence-list]').getByText('Grace Hopper').waitFor();
    await ada.page.setViewportSize({ width: 400, height: 1000 });
    await ada.page.evaluate("document.getElementById('tool').style.height = '960px'");
    await ada.page.screenshot({ path: path.join(SCREENSHOTS, 'course-home.png') });
  }, 90_000);
});

async function expectText(locator: { textContent(): Promise<string | null> }, text: string): Promise<void> {
  expect(await locator.textContent()).toContain(text);
}
