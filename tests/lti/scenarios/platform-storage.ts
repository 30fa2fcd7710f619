/**
 * Cookie-free launches in a real browser. The LMS is served as http://localhost and Agora as
 * http://127.0.0.1, so Agora's frame is another site than the page embedding it: Chromium drops
 * the cookies Agora sets there (SameSite=Lax over http), as Safari drops third-party cookies.
 * 1. With LTI platform storage (the LMS page answers lti.put_data / lti.get_data), the launch is
 *    verified through the LMS's storage, and since the frame keeps no session either, Agora offers
 *    a new window, which opens the course home signed in.
 * 2. Without platform storage, Agora explains and offers to start again in a new window.
 * Runs as its own Node process (see ../browser.test.ts). Exits non-zero naming the failed step.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startLmsBrowser } from '../../support/lms-browser';
import { runScenario, step } from '../../support/scenario';
import { ROLE } from '../../support/test-platform';

const SCREENSHOTS = path.resolve(__dirname, '../../.tmp/screenshots');

/**
 * Chromium keeping cross-site iframes in the page's process: playwright sometimes loses track of an
 * out-of-process iframe (the LMS and Agora are different sites here), which made clicks and waits
 * in the frame time out. Cookie and postMessage rules do not depend on the process model.
 */
const CROSS_SITE_IFRAMES_IN_PROCESS = ['--disable-site-isolation-trials', '--disable-features=IsolateOrigins,site-per-process'];

async function main(): Promise<void> {
  const { agora, browser, courseUrl, close } = await startLmsBrowser({
    platform: { hostname: 'localhost' },
    users: [{ sub: 'ada', name: 'Ada Lovelace', roles: [ROLE.learner], contextTitle: 'Biology 101' }],
    chromiumArgs: CROSS_SITE_IFRAMES_IN_PROCESS,
  });
  try {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });

    const context = await browser.newContext({ viewport: { width: 420, height: 800 } });
    const page = await context.newPage();
    // For a failure report: the requests the page and its frames made, and how each ended.
    const traffic: string[] = [];
    page.on('request', (r) => traffic.push(`> ${r.method()} ${r.url().slice(0, 120)}`));
    page.on('requestfinished', (r) => traffic.push(`< done ${r.url().slice(0, 120)}`));
    page.on('requestfailed', (r) => traffic.push(`< FAILED ${r.url().slice(0, 120)} ${r.failure()?.errorText}`));
    page.on('console', (m) => traffic.push(`console ${m.type()}: ${m.text()}`));

    await step('the LMS offers platform storage: the launch is verified through it and Agora offers a new window', async () => {
      await page.goto(courseUrl('ada', { storage: true }));
      const frame = page.frameLocator('#tool');
      const link = frame.getByRole('link', { name: 'Open Agora in a new window' });
      await link.waitFor({ timeout: 30_000 }).catch(async (error: unknown) => {
        // Say where the frame got stuck: its address and what it shows.
        const frames = await Promise.all(page.frames().map(async (f) => `${f.url()} :: ${(await f.locator('body').innerText().catch(() => '')).slice(0, 300)}`));
        throw new Error(`${(error as Error).message}\nframes:\n${frames.join('\n')}\ntraffic:\n${traffic.slice(-25).join('\n')}`);
      });
      assert.match(await frame.locator('[data-lti-problem]').innerText(), /cannot keep you signed in here/);
      assert.match(String(await link.getAttribute('href')), /^\/launch\/new-window\/[\w-]+$/);
      const stored = await page.evaluate(() => Object.keys((window as unknown as { stored: Record<string, string> }).stored));
      assert.equal(stored.length, 1);
      assert.match(stored[0]!, /^agora_state_/);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'lti-storage-new-window.png') });
    });

    await step('the new window opens the course home, signed in', async () => {
      // The link has rel="noopener": look for the new window among the context's pages.
      const before = context.pages().length;
      await page.frameLocator('#tool').getByRole('link', { name: 'Open Agora in a new window' }).click({ timeout: 20_000 });
      const deadline = Date.now() + 20_000;
      while (context.pages().length === before) {
        if (Date.now() > deadline) throw new Error(`no new window opened\ntraffic:\n${traffic.slice(-25).join('\n')}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const popup = context.pages()[context.pages().length - 1]!;
      await popup.getByText('Signed in as').waitFor({ timeout: 15_000 });
      assert.ok(popup.url().startsWith(`${agora.url}/c/`), popup.url());
      assert.match(await popup.locator('main').innerText(), /Ada Lovelace/);
      await popup.close();
    });

    await step('without platform storage, Agora explains the blocked cookie and offers to start again in a new window', async () => {
      await page.goto(courseUrl('ada'));
      const frame = page.frameLocator('#tool');
      await frame.getByText('did not send back the cookie').waitFor({ timeout: 15_000 });
      const href = String(await frame.getByRole('link', { name: 'Open Agora in a new window' }).getAttribute('href'));
      const again = new URL(href);
      assert.equal(`${again.origin}${again.pathname}`, `${agora.url}/lti/login`);
      assert.equal(again.searchParams.get('login_hint'), 'ada');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'lti-cookies-blocked.png') });
    });

  } finally {
    await close();
  }
}

runScenario(main);
