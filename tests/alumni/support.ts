import fs from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { startAgora, type Agora } from '../../src/agora';
import { loadConfig } from '../../src/config';
import { freePort, registerPlatform } from '../support/agora';
import { launchIntoCourse, newBrowser, type Browser } from '../support/launch';
import { tempDir } from '../support/temp';
import { ROLE, TestPlatform, type Claims } from '../support/test-platform';
import { csrfToken } from '../support/launch';

/**
 * The alumni space as tests drive it: a real Agora on its own SQLite file with a clock the test
 * moves (launches are signed with the real time, so the clock runs at real time plus `offsetMs`),
 * a real test LMS, and people who launch into two runs of Biology 101.
 */
export const CUSTOM = 'https://purl.imsglobal.org/spec/lti/claim/custom';

export interface AlumniFixture {
  agora: Agora;
  platform: TestPlatform;
  dataDir: string;
  port: number;
  env: Record<string, string>;
  clock: { offsetMs: number };
  now(): Date;
  /** Stops Agora and starts it again on the same data directory (the store survives). */
  restart(): Promise<void>;
  browser(): Browser;
  /** Launches a person into a course; returns the course id. */
  launch(browser: Browser, who: Person, course?: CourseSpec): Promise<string>;
  close(): Promise<void>;
}

export interface Person { sub: string; name: string; staff?: boolean; email?: string | null }
export interface CourseSpec { contextId: string; title?: string; custom?: Record<string, string> }

export const SPRING: CourseSpec = { contextId: 'bio-spring', title: 'Biology 101', custom: { term_name: 'Spring 2026' } };
export const AUTUMN: CourseSpec = { contextId: 'bio-autumn', title: 'Biology 101', custom: { term_name: 'Autumn 2026', context_id_history: 'bio-spring' } };
export const CHEMISTRY: CourseSpec = { contextId: 'chem', title: 'Chemistry' };

export async function startAlumniFixture(env: Record<string, string> = {}): Promise<AlumniFixture> {
  const port = await freePort();
  const dataDir = tempDir('alumni');
  const clock = { offsetMs: 0 };
  const now = () => new Date(Date.now() + clock.offsetMs);
  const fullEnv = { PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: `http://127.0.0.1:${port}`, DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env };
  const start = () => startAgora(loadConfig(fullEnv), { logger: pino({ level: 'silent' }), now });
  const platform = await TestPlatform.start();
  let agora = await start();
  await registerPlatform(agora, platform);
  const fixture: AlumniFixture = {
    get agora() { return agora; },
    platform, dataDir, port, env: fullEnv, clock, now,
    async restart() {
      await agora.close();
      agora = await start();
    },
    browser: () => newBrowser(agora.url),
    launch(browser, who, course = SPRING) {
      const extra: Claims = { [CUSTOM]: course.custom ?? {} };
      if (who.email) extra.email = who.email;
      return launchIntoCourse(browser, platform, agora.url, platform.claims({
        sub: who.sub, name: who.name, roles: [who.staff ? ROLE.instructor : ROLE.learner], contextId: course.contextId, contextTitle: course.title, extra,
      }));
    },
    async close() {
      await agora.close();
      await platform.close();
    },
  };
  return fixture;
}

export const GRACE: Person = { sub: 'grace', name: 'Grace Hopper', staff: true, email: 'grace@uni.example' };
export const ADA: Person = { sub: 'ada', name: 'Ada Lovelace', email: 'ada@uni.example' };
export const BO: Person = { sub: 'bo', name: 'Bo Diddley', email: 'bo@uni.example' };
export const CLEO: Person = { sub: 'cleo', name: 'Cleo Autumn', email: 'cleo@uni.example' };
export const ALAN: Person = { sub: 'alan', name: 'Alan Turing', staff: true, email: 'alan@uni.example' };
export const EVE: Person = { sub: 'eve', name: 'Eve Chemist' };

/** POSTs asking for JSON, with the CSRF token the page at `tokenFrom` gave this browser. */
export async function post(browser: Browser, path: string, body: Record<string, unknown> = {}, tokenFrom = '/alumni') {
  const token = await csrfToken(browser, tokenFrom);
  return browser.post(path).set('Accept', 'application/json').set('X-CSRF-Token', token).send(body);
}

/** Creates a community from the course (as its staff) and returns its id. */
export async function createCommunity(browser: Browser, courseId: string, name = 'Biology 101 alumni'): Promise<string> {
  const response = await post(browser, `/c/${courseId}/alumni/create`, { name }, `/c/${courseId}/alumni`);
  if (response.status !== 201) throw new Error(`creating a community answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.data.community.id as string;
}

export async function spaceCourseOf(agora: Agora, communityId: string): Promise<string> {
  return (await agora.storage.communities.findById(communityId))!.spaceCourseId;
}

/**
 * The files of Agora's local outbox (email without an SMTP server), as full paths, once the first
 * message is there: mail goes out after the response, so this waits up to 2.5 s for it.
 */
export async function outboxFiles(dataDir: string): Promise<string[]> {
  const outbox = join(dataDir, 'outbox');
  let files: string[] = [];
  for (let i = 0; i < 100 && files.length === 0; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    files = fs.existsSync(outbox) ? fs.readdirSync(outbox) : [];
  }
  return files.map((file) => join(outbox, file));
}
