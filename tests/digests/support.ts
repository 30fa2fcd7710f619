import { createDigestJob, type DigestJob } from '../../src/commands/digest/job';
import { loadConfig } from '../../src/config';
import type { DigestFrequency } from '../../src/domain/digest';
import { digestSender } from '../../src/mail/digest-sender';
import { VIEWS_DIR } from '../../src/paths';
import { createTemplates } from '../../src/rendering/templates';
import { CUSTOM, startAlumniFixture, type AlumniFixture, type CourseSpec, type Person } from '../alumni/support';
import { launchIntoCourse, type Browser } from '../support/launch';
import { startMailbox, type Mailbox } from '../support/mailbox';
import { act } from '../support/room';
import { ROLE } from '../support/test-platform';

/**
 * Digests as tests drive them: a real Agora (its own SQLite file, a clock the test moves, restarts
 * on the same data) whose mail goes through SMTP to a real SMTP server inside the test, people who
 * launch from a real test LMS with their email (and language) and act through real HTTP. The job
 * runs when a test says so, built exactly as agora.ts builds it.
 */
export interface DigestFixture {
  f: AlumniFixture;
  mailbox: Mailbox;
  /** A digest job on the current Agora (a new one after a restart, as a new process would have). */
  job(): DigestJob;
  /** Moves Agora's clock so that it reads `when` now (and runs on from there). */
  setClock(when: Date): void;
  launch(browser: Browser, who: Person & { locale?: string }, course?: CourseSpec): Promise<string>;
  close(): Promise<void>;
}

export async function startDigestFixture(env: Record<string, string> = {}): Promise<DigestFixture> {
  const mailbox = await startMailbox();
  // Sessions outlive the days these tests move the clock by.
  const f = await startAlumniFixture({ SMTP_URL: mailbox.url, SMTP_FROM: 'Agora <agora@uni.example>', SESSION_TTL_HOURS: '720', ...env });
  const templates = createTemplates(VIEWS_DIR);
  const config = loadConfig(f.env);
  return {
    f,
    mailbox,
    job: () => createDigestJob({ ctx: f.agora.ctx, send: digestSender({ mailer: f.agora.mailer, templates, config, now: f.agora.ctx.now }) }),
    setClock(when) {
      f.clock.offsetMs = when.getTime() - Date.now();
    },
    launch(browser, who, course = { contextId: 'bio-spring', title: 'Biology 101' }) {
      const extra: Record<string, unknown> = { [CUSTOM]: course.custom ?? {} };
      if (who.email) extra.email = who.email;
      if (who.locale) extra['https://purl.imsglobal.org/spec/lti/claim/launch_presentation'] = { locale: who.locale };
      return launchIntoCourse(browser, f.platform, f.agora.url, f.platform.claims({
        sub: who.sub, name: who.name, roles: [who.staff ? ROLE.instructor : ROLE.learner], contextId: course.contextId, contextTitle: course.title, extra,
      }));
    },
    async close() {
      await f.close();
      await mailbox.close();
    },
  };
}

/** Chooses how often this person gets digests, through the preferences form's JSON flavour. */
export async function choose(browser: Browser, courseId: string, frequency: DigestFrequency): Promise<void> {
  const response = await act(browser, courseId, `/c/${courseId}/notifications/email`, { frequency });
  if (response.status !== 200) throw new Error(`choosing ${frequency} answered ${response.status}: ${JSON.stringify(response.body)}`);
}

/** The next `hour`:00 UTC strictly after `after`, `days` days later when given. */
export function nextUtcHour(after: Date, hour: number): Date {
  const next = new Date(Date.UTC(after.getUTCFullYear(), after.getUTCMonth(), after.getUTCDate(), hour));
  if (next.getTime() <= after.getTime()) next.setUTCDate(next.getUTCDate() + 1);
  return next;
}

/** The next Monday 07:00 UTC strictly after `after`. */
export function nextMondayMorning(after: Date): Date {
  const next = nextUtcHour(after, 7);
  while (next.getUTCDay() !== 1) next.setUTCDate(next.getUTCDate() + 1);
  return next;
}

export const minutes = (date: Date, n: number) => new Date(date.getTime() + n * 60_000);

/** The person id of a member of the course, by name (for the few checks that read the store). */
export async function personIdOf(fixture: DigestFixture, courseId: string, name: string): Promise<string> {
  const storage = fixture.f.agora.storage;
  const people = await storage.people.findByIds((await storage.memberships.listByCourse(courseId)).map((m) => m.personId));
  const person = people.find((p) => p.name === name);
  if (!person) throw new Error(`${name} is not a member of ${courseId}`);
  return person.id;
}
