import pino from 'pino';
import { startAgora, type Agora } from '../../src/agora';
import { loadConfig } from '../../src/config';
import { freePort, registerPlatform } from '../support/agora';
import { launchIntoCourse, newBrowser, type Browser } from '../support/launch';
import { act } from '../support/room';
import { ROLE, TestPlatform, type Claims } from '../support/test-platform';
import { tempDir } from '../support/temp';

/**
 * Participation grades against the test LMS: a real Agora whose clock the test moves, and launches
 * signed at that clock's time. The clock starts on the next Monday, 10:00 UTC, so weeks are known;
 * it only ever moves forward, and stays ahead of real time so the LMS accepts Agora's signed token
 * requests.
 */
export const MINUTE = 60 * 1000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;

export interface Person { sub: string; name: string; roles: string[] }
export const GRACE: Person = { sub: 'grace', name: 'Grace Hopper', roles: [ROLE.instructor] };
export const ADA: Person = { sub: 'ada', name: 'Ada Lovelace', roles: [ROLE.learner] };
export const BO: Person = { sub: 'bo', name: 'Bo Diddley', roles: [ROLE.learner] };

export interface GradesFixture {
  agora: Agora;
  platform: TestPlatform;
  /** Agora's time, in epoch ms. */
  now(): number;
  advance(ms: number): void;
  /** Launches the person into the context (AGS claim as given, or the default full one) at the clock's time; a fresh browser. */
  launch(person: Person, options?: { contextId?: string; extra?: Claims }): Promise<{ browser: Browser; courseId: string }>;
  /** Stops Agora and starts it again on the same port and data (a deploy, a crash). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

function nextMondayTen(from: number): number {
  const date = new Date(from);
  const days = ((8 - date.getUTCDay()) % 7) || 7;
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + days, 10);
}

export async function startGradesFixture(): Promise<GradesFixture> {
  let clock = nextMondayTen(Date.now());
  const port = await freePort();
  const config = loadConfig({ PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: `http://127.0.0.1:${port}`, DATA_DIR: tempDir('grades'), LOG_LEVEL: 'silent' });
  const start = () => startAgora(config, { logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), now: () => new Date(clock) });
  let agora = await start();
  const platform = await TestPlatform.start();
  await registerPlatform(agora, platform);
  platform.services.toolJwksUrl = `${agora.url}/lti/keys`;
  return {
    get agora() { return agora; },
    platform,
    now: () => clock,
    advance: (ms) => { clock += ms; },
    async launch(person, options = {}) {
      const contextId = options.contextId ?? 'course-1';
      const browser = newBrowser(agora.url);
      const iat = Math.floor(clock / 1000);
      const claims = platform.claims({
        sub: person.sub, name: person.name, roles: person.roles, contextId, contextTitle: `Course ${contextId}`,
        extra: { ...(options.extra ?? platform.grades.claim(contextId)), iat, exp: iat + 300 },
      });
      const courseId = await launchIntoCourse(browser, platform, agora.url, claims);
      await agora.lti.roster.idle();
      return { browser, courseId };
    },
    async restart() {
      await agora.close();
      agora = await start();
    },
    async close() {
      await agora.close();
      await platform.close();
    },
  };
}

export const DEFAULT_FORM = {
  enabled: 'on', pointsPerThread: '2', pointsPerReply: '1', pointsPerEndorsedAnswer: '3', pointsPerHotseatQuestion: '1',
  weeklyCap: '10', scoreMaximum: '100', label: 'Participation (Agora)',
};

/** Staff save the rubric through the staff page's form (as JSON); returns the response. */
export function saveRubric(staff: Browser, courseId: string, fields: Record<string, unknown> = {}) {
  return act(staff, courseId, `/c/${courseId}/participation/settings`, { ...DEFAULT_FORM, ...fields });
}

/** Staff press "Push now" (as JSON); returns the push's outcome. */
export async function pushNow(staff: Browser, courseId: string) {
  const response = await act(staff, courseId, `/c/${courseId}/participation/push`);
  if (response.status !== 200) throw new Error(`push now answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.data.outcome as { status: string; sent?: number; error?: string };
}
