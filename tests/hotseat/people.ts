import type { CourseFixture } from '../support/course-fixture';
import { csrfToken, launchIntoCourse, newBrowser, type Browser } from '../support/launch';
import { act } from '../support/room';
import { ROLE } from '../support/test-platform';
import { hotseatAct, hotseatPath, scheduleHotseat, type TestClock } from './support';

/**
 * More of the hotseat as tests drive it: the people around it (their ids, more learners, guest
 * hosts who have no course home to take a CSRF token from) and hotseats already open.
 */

/** Every member's person id by display name, e.g. ids['Ada Lovelace']. */
export async function personIds(f: CourseFixture): Promise<Record<string, string>> {
  const memberships = await f.agora.storage.memberships.listByCourse(f.courseId);
  const people = await f.agora.storage.people.findByIds(memberships.map((m) => m.personId));
  return Object.fromEntries(people.map((p) => [p.name ?? p.id, p.id]));
}

/** Another learner of the fixture's course, who has launched like the others. */
export async function launchLearner(f: CourseFixture, sub: string, name: string): Promise<Browser> {
  const browser = newBrowser(f.agora.url);
  await launchIntoCourse(browser, f.platform, f.agora.url, f.platform.claims({ sub, name, roles: [ROLE.learner] }));
  return browser;
}

/** A hotseat taking questions now (collecting), live in an hour. */
export function openHotseat(f: CourseFixture, clock: TestClock, fields: Record<string, unknown> = {}): Promise<string> {
  return scheduleHotseat(f.grace, f.courseId, clock, { opensAt: clock.inMinutes(-1), startsAt: clock.inMinutes(60), endsAt: clock.inMinutes(120), ...fields });
}

/** A hotseat that is live now. */
export function liveHotseat(f: CourseFixture, clock: TestClock, fields: Record<string, unknown> = {}): Promise<string> {
  return scheduleHotseat(f.grace, f.courseId, clock, { opensAt: clock.inMinutes(-2), startsAt: clock.inMinutes(-1), endsAt: clock.inMinutes(60), ...fields });
}

export const vote = (browser: Browser, courseId: string, hotseatId: string, questionId: string) =>
  hotseatAct(browser, courseId, hotseatId, `/questions/${questionId}/vote`);

export const moderate = (browser: Browser, courseId: string, hotseatId: string, questionId: string, body: Record<string, unknown>) =>
  hotseatAct(browser, courseId, hotseatId, `/questions/${questionId}/moderate`, body);

export const closeNow = (f: CourseFixture, hotseatId: string) => hotseatAct(f.grace, f.courseId, hotseatId, '/schedule', { action: 'close' });

/** Staff create a guest invitation; returns the link's path (/hotseat-invitations/<token>). */
export async function invite(f: CourseFixture, hotseatId: string): Promise<string> {
  const response = await hotseatAct(f.grace, f.courseId, hotseatId, '/invitations');
  if (response.status !== 201) throw new Error(`inviting answered ${response.status}: ${JSON.stringify(response.body)}`);
  return new URL(response.body.data.url as string).pathname;
}

/** A guest accepts an invitation in a fresh browser; returns that browser, signed in as the guest. */
export async function acceptAsGuest(f: CourseFixture, link: string, name = 'Dr Rosalind Franklin', bio = 'Crystallographer'): Promise<Browser> {
  const guest = newBrowser(f.agora.url);
  const accepted = await guest.post(link).type('form').send({ name, bio });
  if (accepted.status !== 303) throw new Error(`accepting answered ${accepted.status}: ${accepted.text.slice(0, 300)}`);
  return guest;
}

/** A guest host's POST: their CSRF token comes from the hotseat page, the only page of the course they may open. */
export async function guestAct(guest: Browser, courseId: string, hotseatId: string, path: string, body: Record<string, unknown> = {}) {
  const token = await csrfToken(guest, hotseatPath(courseId, hotseatId));
  return guest.post(`${hotseatPath(courseId, hotseatId)}${path}`).set('Accept', 'application/json').set('X-CSRF-Token', token).send(body);
}

/** The course's anonymity setting, as staff set it in the discussion room. */
export async function allowAnonymity(f: CourseFixture, anonymity: 'named' | 'peers' | 'everyone'): Promise<void> {
  const response = await act(f.grace, f.courseId, `/c/${f.courseId}/discussion/settings`, { anonymity, postingPolicy: '' });
  if (response.status !== 200) throw new Error(`settings answered ${response.status}: ${JSON.stringify(response.body)}`);
}
