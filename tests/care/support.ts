import { startCourseFixture, type CourseFixture } from '../support/course-fixture';
import { launchIntoCourse, newBrowser, type Browser } from '../support/launch';
import { act } from '../support/room';
import { ROLE } from '../support/test-platform';

/**
 * The course fixture with Agora's clock in the test's hands: real time plus jumps ahead (the test
 * LMS keeps real time, so everyone launches before the clock jumps), and a third learner, Cy.
 */
export interface CareFixture extends CourseFixture {
  cy: Browser;
  /** Moves Agora's clock forward. */
  advance(ms: number): void;
  now(): Date;
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;

/** Monday 00:00 UTC of a date's week, computed here independently of Agora's own. */
export function mondayOf(date: Date): number {
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  return midnight - ((new Date(midnight).getUTCDay() + 6) % 7) * DAY;
}

export async function startCareFixture(): Promise<CareFixture> {
  // Real time plus whatever the test skipped ahead: time still flows, so ids keep their order.
  let skipped = 0;
  const now = () => new Date(Date.now() + skipped);
  const f = await startCourseFixture({ now });
  const cy = newBrowser(f.agora.url);
  await launchIntoCourse(cy, f.platform, f.agora.url, f.platform.claims({ sub: 'cy', name: 'Cy Young', roles: [ROLE.learner] }));
  return Object.assign(f, {
    cy,
    advance: (ms: number) => { skipped += ms; },
    now,
  });
}

export async function createTag(f: CourseFixture, name: string): Promise<string> {
  const response = await act(f.grace, f.courseId, `/c/${f.courseId}/discussion/tags`, { name });
  if (response.status !== 201) throw new Error(`creating a tag answered ${response.status}`);
  return response.body.data.tag.id as string;
}

export async function endorse(f: CourseFixture, replyId: string): Promise<void> {
  const response = await act(f.grace, f.courseId, `/c/${f.courseId}/discussion/replies/${replyId}/endorse`, { endorsed: true });
  if (response.status !== 200) throw new Error(`endorsing answered ${response.status}`);
}

export async function allowAnonymity(f: CourseFixture, anonymity: 'named' | 'peers' | 'everyone'): Promise<void> {
  await act(f.grace, f.courseId, `/c/${f.courseId}/discussion/settings`, { anonymity, postingPolicy: '' });
}

/** A person's id, from the people the store knows by LMS subject. */
export async function personIdOf(f: CourseFixture, subject: string, courseId = f.courseId): Promise<string> {
  const memberships = await f.agora.storage.memberships.listByCourse(courseId);
  const people = await f.agora.storage.people.findByIds(memberships.map((m) => m.personId));
  const person = people.find((p) => p.subject === subject);
  if (!person) throw new Error(`no member with subject ${subject}`);
  return person.id;
}
