import request from 'supertest';
import { hashToken, SESSION_COOKIE } from '../../src/auth/sessions';
import { newSecret } from '../../src/domain/ids';
import { startCourseFixture, type CourseFixture } from '../support/course-fixture';
import { cookieHeader, newBrowser } from '../support/launch';
import { connected, connectSocket } from '../support/socket';
import { acceptAsGuest, closeNow, guestAct, invite, liveHotseat, personIds } from './people';
import { askOk, hotseatAct, hotseatPath, scheduleHotseat, TestClock, view } from './support';

/**
 * Guest experts: staff create a single-use link; the guest picks a name and a bio and may act only
 * as host of that one hotseat, until it closes.
 */
describe('guest hosts', () => {
  let f: CourseFixture;
  const clock = new TestClock();

  beforeAll(async () => {
    f = await startCourseFixture({ now: clock.now });
  });
  afterAll(() => f.close());

  test('only course staff can create an invitation link', async () => {
    const id = await liveHotseat(f, clock);
    const refused = await hotseatAct(f.ada, f.courseId, id, '/invitations');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/Only course staff/);
    expect(await invite(f, id)).toMatch(/^\/hotseat-invitations\/[A-Za-z0-9_-]{20,}$/);
  });

  test('a guest cannot be invited to a draft, which only staff may see, until it is published', async () => {
    const id = await scheduleHotseat(f.grace, f.courseId, clock, { publish: false });
    expect((await f.grace.get(hotseatPath(f.courseId, id))).text).not.toContain('Invite a guest host');
    const refused = await hotseatAct(f.grace, f.courseId, id, '/invitations');
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/Publish/);
    await hotseatAct(f.grace, f.courseId, id, '/schedule', { action: 'publish' });
    const guest = await acceptAsGuest(f, await invite(f, id));
    expect((await view(guest, f.courseId, id)).phase).toBe('scheduled');
  });

  test('opening the link shows the hotseat and does not use it up', async () => {
    const id = await liveHotseat(f, clock, { title: 'Meet the crystallographer' });
    const link = await invite(f, id);
    const visitor = newBrowser(f.agora.url);
    for (let i = 0; i < 2; i += 1) {
      const page = await visitor.get(link);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Meet the crystallographer');
    }
    await acceptAsGuest(f, link);
  });

  test('a guest accepts with a name and a bio, and runs the hotseat from the host console', async () => {
    const id = await liveHotseat(f, clock);
    const questionId = await askOk(f.ada, f.courseId, id, 'What does X-ray diffraction show?');
    const guest = newBrowser(f.agora.url);
    const accepted = await guest.post(await invite(f, id)).type('form').send({ name: 'Dr Rosalind Franklin', bio: 'Crystallographer at King\'s College' });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.location).toBe(hotseatPath(f.courseId, id));
    const console = await view(guest, f.courseId, id);
    expect(console.permissions).toMatchObject({ canModerate: true, canAsk: false, isGuest: true });
    expect(console.hosts).toContainEqual(expect.objectContaining({ name: 'Dr Rosalind Franklin', isGuest: true, bio: 'Crystallographer at King\'s College' }));
    const answered = await guestAct(guest, f.courseId, id, `/questions/${questionId}/moderate`, { action: 'answer', body: 'The *helix*.' });
    expect(answered.status).toBe(200);
    const asAda = (await view(f.ada, f.courseId, id)).answered[0]!;
    expect(asAda).toMatchObject({ id: questionId, answerHtml: '<p>The <em>helix</em>.</p>' });
    expect((asAda as unknown as { answeredBy: string }).answeredBy).toBe('Dr Rosalind Franklin');
    expect((await f.ada.get(hotseatPath(f.courseId, id))).text).toContain('Crystallographer at King&#x27;s College');
  });

  test('a guest host cannot ask or vote: they answer', async () => {
    const id = await liveHotseat(f, clock);
    const questionId = await askOk(f.ada, f.courseId, id);
    const guest = await acceptAsGuest(f, await invite(f, id));
    const asked = await guestAct(guest, f.courseId, id, '/questions', { body: 'A guest question' });
    expect(asked.status).toBe(403);
    expect(asked.body.error.message).toMatch(/as a host, answer them instead/);
    expect((await guestAct(guest, f.courseId, id, `/questions/${questionId}/vote`)).status).toBe(403);
  });

  test('a guest host reaches nothing of the course but their hotseat', async () => {
    const id = await liveHotseat(f, clock);
    const other = await liveHotseat(f, clock, { title: 'Another session' });
    const guest = await acceptAsGuest(f, await invite(f, id));
    for (const path of [`/c/${f.courseId}`, `/c/${f.courseId}/discussion`, `/c/${f.courseId}/hotseats`, hotseatPath(f.courseId, other), `/api/courses/${f.courseId}/threads`, `/c/${f.otherCourseId}`]) {
      const response = await guest.get(path).set('Accept', 'application/json');
      expect({ path, status: response.status }).toEqual({ path, status: 403 });
    }
    const socket = connectSocket(f.agora.url, cookieHeader(guest, f.agora.url));
    try {
      await connected(socket);
      const course = await socket.timeout(5000).emitWithAck('course:join', { courseId: f.courseId });
      expect(course.ok).toBe(false);
      const otherHotseat = await socket.timeout(5000).emitWithAck('hotseat:join', { courseId: f.courseId, hotseatId: other });
      expect(otherHotseat.ok).toBe(false);
      expect((await socket.timeout(5000).emitWithAck('hotseat:join', { courseId: f.courseId, hotseatId: id })).ok).toBe(true);
    } finally {
      socket.disconnect();
    }
  });

  test('a guest cannot act on another hotseat\'s question through their own hotseat\'s address', async () => {
    const id = await liveHotseat(f, clock);
    const other = await liveHotseat(f, clock);
    const elsewhere = await askOk(f.ada, f.courseId, other, 'Asked in another hotseat');
    const guest = await acceptAsGuest(f, await invite(f, id));
    const refused = await guestAct(guest, f.courseId, id, `/questions/${elsewhere}/moderate`, { action: 'dismiss' });
    expect(refused.status).toBe(404);
    expect((await f.agora.storage.hotseatQuestions.findById(f.courseId, elsewhere))!.status).toBe('open');
  });

  test('a used invitation link is refused with a sentence, and the second person gets no access', async () => {
    const id = await liveHotseat(f, clock);
    const link = await invite(f, id);
    await acceptAsGuest(f, link, 'First Guest');
    const late = newBrowser(f.agora.url);
    const page = await late.get(link);
    expect(page.status).toBe(410);
    expect(page.text).toContain('already been used');
    const accept = await late.post(link).type('form').send({ name: 'Second Guest', bio: '' });
    expect(accept.status).toBe(410);
    expect((await late.get(hotseatPath(f.courseId, id))).status).toBe(401);
    expect((await view(f.grace, f.courseId, id)).hosts.map((h) => h.name)).not.toContain('Second Guest');
  });

  test('a link that was never issued is refused', async () => {
    const response = await newBrowser(f.agora.url).get(`/hotseat-invitations/${newSecret()}`);
    expect(response.status).toBe(404);
    expect(response.text).toContain('not valid');
  });

  test('a name that is too short comes back with the form and a sentence, and the link still works', async () => {
    const id = await liveHotseat(f, clock);
    const link = await invite(f, id);
    const guest = newBrowser(f.agora.url);
    const refused = await guest.post(link).type('form').send({ name: 'R', bio: 'Bio kept' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('2 to 80 characters');
    expect(refused.text).toContain('Bio kept');
    await acceptAsGuest(f, link);
  });

  test('staff remove a guest host, who then can no longer act', async () => {
    const id = await liveHotseat(f, clock);
    const questionId = await askOk(f.ada, f.courseId, id);
    const guest = await acceptAsGuest(f, await invite(f, id), 'Removable Guest');
    const guestId = (await f.agora.storage.hotseatHosts.listByHotseat(id)).find((h) => h.kind === 'guest')!.personId;
    expect((await hotseatAct(f.grace, f.courseId, id, `/guests/${guestId}/remove`)).status).toBe(200);
    expect((await guest.get(hotseatPath(f.courseId, id))).status).toBe(403);
    const csrf = /data-csrf="([^"]+)"/;
    expect(csrf.test((await guest.get(hotseatPath(f.courseId, id))).text)).toBe(false);
    expect((await f.agora.storage.hotseatQuestions.findById(f.courseId, questionId))!.status).toBe('open');
  });

  test('once the hotseat closes, the guest host is refused with a thank-you, on the page, in actions and on the socket', async () => {
    const id = await liveHotseat(f, clock);
    const questionId = await askOk(f.ada, f.courseId, id);
    const guest = await acceptAsGuest(f, await invite(f, id));
    const csrf = /data-csrf="([^"]+)"/.exec((await guest.get(hotseatPath(f.courseId, id))).text)![1]!;
    expect((await closeNow(f, id)).status).toBe(200);
    const page = await guest.get(hotseatPath(f.courseId, id));
    expect(page.status).toBe(403);
    expect(page.text).toContain('Thank you for hosting');
    const acted = await guest.post(`${hotseatPath(f.courseId, id)}/questions/${questionId}/moderate`)
      .set('Accept', 'application/json').set('X-CSRF-Token', csrf).send({ action: 'answer', body: 'Too late' });
    expect(acted.status).toBe(403);
    const socket = connectSocket(f.agora.url, cookieHeader(guest, f.agora.url));
    try {
      await connected(socket);
      expect((await socket.timeout(5000).emitWithAck('hotseat:join', { courseId: f.courseId, hotseatId: id })).ok).toBe(false);
    } finally {
      socket.disconnect();
    }
  });

  test('an invitation to a hotseat that has since closed is refused', async () => {
    const id = await liveHotseat(f, clock);
    const link = await invite(f, id);
    await closeNow(f, id);
    const page = await newBrowser(f.agora.url).get(link);
    expect(page.status).toBe(410);
    expect(page.text).toContain('already closed');
  });

  test('a learner of another course cannot open the hotseat', async () => {
    const id = await liveHotseat(f, clock);
    const refused = await f.eve.get(hotseatPath(f.courseId, id)).set('Accept', 'application/json');
    expect(refused.status).toBe(403);
  });

  test('a session from an alumni email link does not open the course\'s hotseats', async () => {
    const id = await liveHotseat(f, clock);
    await askOk(f.ada, f.courseId, id, 'Only for the course');
    const token = newSecret();
    const now = clock.now();
    await f.agora.storage.sessions.create({
      tokenHash: hashToken(token), personId: (await personIds(f))['Ada Lovelace']!, createdAt: now, expiresAt: new Date(now.getTime() + 3_600_000), scope: 'alumni',
    });
    const cookie = `${SESSION_COOKIE}=${token}`;
    // The course itself is closed to such a session, and so is every hotseat in it.
    expect((await request(f.agora.url).get(`/c/${f.courseId}`).set('Cookie', cookie).set('Accept', 'application/json')).status).toBe(403);
    const hotseat = await request(f.agora.url).get(hotseatPath(f.courseId, id)).set('Cookie', cookie).set('Accept', 'application/json');
    expect(hotseat.status).toBe(403);
    expect(JSON.stringify(hotseat.body)).not.toContain('Only for the course');
    const socket = connectSocket(f.agora.url, cookie);
    try {
      await connected(socket);
      expect((await socket.timeout(5000).emitWithAck('hotseat:join', { courseId: f.courseId, hotseatId: id })).ok).toBe(false);
    } finally {
      socket.disconnect();
    }
  });
});

describe('guest invitations over time', () => {
  test('a guest who accepts days ahead can still host when the hotseat goes live: their access lasts until it closes', async () => {
    const clock = new TestClock();
    const f = await startCourseFixture({ now: clock.now });
    try {
      const day = 24 * 60;
      const id = await scheduleHotseat(f.grace, f.courseId, clock, { opensAt: clock.inMinutes(day), startsAt: clock.inMinutes(2 * day), endsAt: clock.inMinutes(2 * day + 60) });
      const guest = await acceptAsGuest(f, await invite(f, id));
      // Well past an ordinary session's 12 hours, and the guest has no LMS to launch from again.
      clock.advance(2 * day + 10);
      const console = await view(guest, f.courseId, id);
      expect(console).toMatchObject({ phase: 'live', permissions: expect.objectContaining({ canModerate: true }) });
      clock.advance(60);
      expect((await guest.get(hotseatPath(f.courseId, id))).status).toBe(403);
    } finally {
      await f.close();
    }
  });

  test('an invitation link expires after a week, even when the hotseat is further away', async () => {
    const clock = new TestClock();
    const f = await startCourseFixture({ now: clock.now });
    try {
      const id = await scheduleHotseat(f.grace, f.courseId, clock, { opensAt: clock.inMinutes(8 * 24 * 60), startsAt: clock.inMinutes(9 * 24 * 60), endsAt: clock.inMinutes(9 * 24 * 60 + 60) });
      const link = await invite(f, id);
      clock.advance(7 * 24 * 60 + 1);
      const page = await newBrowser(f.agora.url).get(link);
      expect(page.status).toBe(410);
      expect(page.text).toContain('has expired');
      const accept = await newBrowser(f.agora.url).post(link).type('form').send({ name: 'Late Guest', bio: '' });
      expect(accept.status).toBe(410);
      expect((await f.agora.storage.hotseatHosts.listByHotseat(id)).some((h) => h.kind === 'guest')).toBe(false);
    } finally {
      await f.close();
    }
  });
});

describe('a guest host\'s language', () => {
  let f: CourseFixture;
  const clock = new TestClock();

  beforeAll(async () => {
    f = await startCourseFixture({ now: clock.now });
  });
  afterAll(() => f.close());

  // A guest never launches from an LMS, so the browser they accepted the invitation in says it.
  test.each([['es-ES,es;q=0.9,en;q=0.5', 'es'], ['fr-FR', 'en']])('accepting with Accept-Language %s keeps their pages in %s', async (acceptLanguage, expected) => {
    const id = await liveHotseat(f, clock);
    const guest = newBrowser(f.agora.url);
    const accepted = await guest.post(await invite(f, id)).set('Accept-Language', acceptLanguage).type('form').send({ name: 'Dr Franklin', bio: '' });
    expect(accepted.status).toBe(303);
    // Later requests send no Accept-Language at all: the language was kept with the guest.
    const page = await guest.get(hotseatPath(f.courseId, id));
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<html lang="${expected}"`);
  });
});
