import assert from 'node:assert/strict';
import type { Browser, Frame, FrameLocator, Page } from 'playwright-core';
import { registerPlatform, startTestAgora, type TestAgora } from './agora';
import { launchChromium } from './chromium';
import { TestPlatform, type TestPlatformOptions } from './test-platform';

/** A person's launch, as `platform.claims` takes it. */
export type LaunchClaims = Parameters<TestPlatform['claims']>[0];

export interface CoursePageOptions {
  /** The browser window; the LMS page shows Agora in a 360 px iframe inside it. */
  viewport?: { width: number; height: number };
  /** The browser's own language (the context's locale), as opposed to the launch's `locale` claim. */
  browserLocale?: string;
  /** Writes the page's uncaught script errors to the scenario's output, naming the person. */
  logPageErrors?: boolean;
  /** When the page counts as open: "Signed in as" shows in the frame, or the page's script is live. */
  readyWhen?: 'signed-in' | 'live';
}

export interface LmsBrowserOptions extends CoursePageOptions {
  /** Each person the LMS can launch, by `sub` (the `user` of the course page). */
  users?: LaunchClaims[];
  platform?: TestPlatformOptions;
  /** Added to Chromium's usual flags. */
  chromiumArgs?: readonly string[];
}

export interface OpenCourse {
  page: Page;
  /** Agora's frame, on a course page (/c/…). */
  frame: Frame;
  /** The same iframe as a locator, which follows whatever document the iframe holds. */
  frameLocator: FrameLocator;
}

export interface LmsBrowser {
  agora: TestAgora;
  platform: TestPlatform;
  browser: Browser;
  /** The LMS course page that launches Agora as `user`; `storage` makes it offer LTI platform storage. */
  courseUrl(user: string, options?: { storage?: boolean }): string;
  openCourseAs(user: string, options?: CoursePageOptions): Promise<OpenCourse>;
  /** Closes the browser, Agora and the LMS, in that order. */
  close(): Promise<void>;
}

const READY_TIMEOUT_MS = 15_000;

/**
 * What every real-browser scenario starts with: a real Agora, the test LMS registered with it, the
 * people who will launch, and Chromium; `openCourseAs` then opens the LMS course page (Agora in its
 * iframe) as one person, in a browser context of their own. For scenario processes
 * (see scenario.ts): playwright does not work inside jest 29's module sandbox.
 */
export async function startLmsBrowser(options: LmsBrowserOptions = {}): Promise<LmsBrowser> {
  let agora: TestAgora | undefined;
  let platform: TestPlatform | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await agora?.close();
    await platform?.close();
  };
  try {
    agora = await startTestAgora();
    platform = await TestPlatform.start(options.platform);
    await registerPlatform(agora, platform);
    for (const user of options.users ?? []) platform.setUser(user.sub, platform.claims(user));
    browser = await launchChromium(options.chromiumArgs);
  } catch (error) {
    await close();
    throw error;
  }
  const started = { agora, platform, browser };
  const courseUrl = (user: string, { storage = false } = {}) =>
    `${started.platform.url}/course/bio?user=${encodeURIComponent(user)}&tool=${encodeURIComponent(started.agora.url)}${storage ? '&storage=1' : ''}`;

  async function openCourseAs(user: string, overrides: CoursePageOptions = {}): Promise<OpenCourse> {
    const { viewport = { width: 420, height: 800 }, browserLocale, logPageErrors = false, readyWhen = 'signed-in' } = { ...options, ...overrides };
    const context = await started.browser.newContext({ viewport, ...(browserLocale ? { locale: browserLocale } : {}) });
    const page = await context.newPage();
    if (logPageErrors) page.on('pageerror', (error) => process.stdout.write(`  [${user}: script error] ${error.message}\n`));
    await page.goto(courseUrl(user));
    const frameLocator = page.frameLocator('#tool');
    const ready = readyWhen === 'live' ? frameLocator.locator('[data-connection][data-state="live"]') : frameLocator.getByText('Signed in as');
    await ready.waitFor({ timeout: READY_TIMEOUT_MS });
    const frame = page.frames().find((f) => f.url().startsWith(`${started.agora.url}/c/`));
    assert.ok(frame, 'the tool frame is on a course page');
    return { page, frame, frameLocator };
  }

  return { ...started, courseUrl, openCourseAs, close };
}
