import type { Socket } from 'socket.io-client';
import { startCourseFixture, type CourseFixture } from '../support/course-fixture';
import { cookieHeader, type Browser } from '../support/launch';
import { collect, connected, connectSocket } from '../support/socket';
import { acceptAsGuest, allowAnonymity, guestAct, invite, liveHotseat, moderate, personIds } from './people';
import { askOk, hotseatAct, hotseatPath, TestClock, view } from './support';

/**
 * Anonymous questions and follow-ups keep the discussion room's guarantee: the asker's identity
 * never reaches someone who may not see it (classmates and guest hosts for "anonymous to
 * classmates"; staff too for "anonymous to everyone"), on any channel. Every check searches whole
 * responses (page HTML, JSON, socket payloads) for Ada's name and person id.
 */
describe('anonymity in the hotseat', () => {
  let f: CourseFixture;
  let guest: Browser;
  let hotseatId: string;
  let adaId: string;
  const clock = new TestClock();
  const sockets: Socket[] = [];

  const expectNoTrace = (text: string) => {
    expect(text).not.toContain('Lovelace');
    expect(text).not.toMatch(/\bAda\b/);
    expect(text).not.toContain(adaId);
  };
  /** Everything this browser can read about the hotseat: its page and its JSON. */
  const everything = async (browser: Browser) => {
    const html = await browser.get(hotseatPath(f.courseId, hotseatId));
    const json = await browser.get(hotseatPath(f.courseId, hotseatId)).set('Accept', 'application/json');
    expect([html.status, json.status]).toEqual([200, 200]);
    return `${html.text}\n${JSON.stringify(json.body)}`;
  };
  const questionOf = async (browser: Browser, questionId: string) => (await view(browser, f.courseId, hotseatId)).open.find((q) => q.id === questionId)!;

  beforeAll(async () => {
    f = await startCourseFixture({ now: clock.now });
    adaId = (await personIds(f))['Ada Lovelace']!;
    await allowAnonymity(f, 'everyone');
  });
  // Each test has a hotseat of its own (with its own guest host), so one test's named posts cannot blur another's.
  beforeEach(async () => {
    hotseatId = await liveHotseat(f, clock);
    guest = await acceptAsGuest(f, await invite(f, hotseatId));
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(() => f.close());

  test('a question anonymous to classmates shows a pseudonym to classmates and the guest host, and the real name to staff', async () => {
    const questionId = await askOk(f.ada, f.courseId, hotseatId, 'Is photosynthesis reversible?', { anonymity: 'peers' });
    expect((await questionOf(f.bo, questionId)).author).toMatchObject({ anonymous: true, isYou: false, name: expect.stringMatching(/^Anonymous /) });
    expectNoTrace(await everything(f.bo));
    expectNoTrace(await everything(guest));
    expect((await questionOf(f.grace, questionId)).author).toMatchObject({ name: 'Ada Lovelace', anonymous: false });
    expect((await questionOf(f.ada, questionId)).author).toMatchObject({ isYou: true, anonymous: true });
  });

  test('a question anonymous to everyone hides the asker from staff too', async () => {
    const questionId = await askOk(f.ada, f.courseId, hotseatId, 'A question nobody may trace', { anonymity: 'everyone' });
    expect((await questionOf(f.grace, questionId)).author).toMatchObject({ anonymous: true, name: expect.stringMatching(/^Anonymous /) });
    for (const browser of [f.grace, f.bo, guest]) expectNoTrace(await everything(browser));
  });

  test('an anonymous follow-up stays anonymous, also once the host has answered the question above it', async () => {
    const questionId = await askOk(f.bo, f.courseId, hotseatId, 'Bo asks, named');
    const followUp = await hotseatAct(f.ada, f.courseId, hotseatId, `/questions/${questionId}/follow-ups`, { body: 'Someone adds, unnamed', anonymity: 'everyone' });
    expect(followUp.status).toBe(201);
    expect((await guestAct(guest, f.courseId, hotseatId, `/questions/${questionId}/moderate`, { action: 'answer', body: 'Answered by the guest' })).status).toBe(200);
    const page = await everything(f.grace);
    expect(page).toContain('Someone adds, unnamed');
    for (const browser of [f.grace, f.bo, guest]) expectNoTrace(await everything(browser));
  });

  test('the asker following up their anonymous question from the page stays anonymous, as on the question', async () => {
    const questionId = await askOk(f.ada, f.courseId, hotseatId, 'Unnamed question', { anonymity: 'everyone' });
    const page = await f.ada.get(hotseatPath(f.courseId, hotseatId));
    const csrf = /data-csrf="([^"]+)"/.exec(page.text)![1]!;
    // Exactly what the page's follow-up form sends when the asker just types and sends.
    const posted = await f.ada.post(`${hotseatPath(f.courseId, hotseatId)}/questions/${questionId}/follow-ups`).type('form').send({ _csrf: csrf, body: 'Clarifying my own question' });
    expect(posted.status).toBe(303);
    const seen = await everything(f.bo);
    expect(seen).toContain('Clarifying my own question');
    expectNoTrace(seen);
    expectNoTrace(await everything(f.grace));
  });

  test('socket updates about anonymous questions and follow-ups carry no trace of the asker to anyone else', async () => {
    const others = [f.grace, f.bo, guest].map((b) => connectSocket(f.agora.url, cookieHeader(b, f.agora.url)));
    sockets.push(...others);
    await Promise.all(others.map(connected));
    for (const socket of others) {
      const joined = await socket.timeout(5000).emitWithAck('hotseat:join', { courseId: f.courseId, hotseatId });
      expect(joined.ok).toBe(true);
    }
    const [toGrace, toBo, toGuest] = others.map((s) => collect<{ questionId: string }>(s, 'hotseat:question'));
    const questionId = await askOk(f.ada, f.courseId, hotseatId, 'Live and anonymous', { anonymity: 'everyone' });
    await hotseatAct(f.ada, f.courseId, hotseatId, `/questions/${questionId}/follow-ups`, { body: 'Live follow-up', anonymity: 'everyone' });
    await hotseatAct(f.ada, f.courseId, hotseatId, `/questions/${questionId}/edit`, { body: 'Live and anonymous, reworded' });
    await moderate(f.grace, f.courseId, hotseatId, questionId, { action: 'answer', body: 'Live answer' });
    const peersId = await askOk(f.ada, f.courseId, hotseatId, 'Live, anonymous to classmates', { anonymity: 'peers' });
    await waitFor(() => [toGrace, toBo, toGuest].every((seen) => seen!().length >= 5));
    for (const seen of [toGrace, toBo, toGuest]) {
      const payloads = JSON.stringify(seen!().filter((e) => e.questionId === questionId));
      expect(payloads).toContain('Live follow-up');
      expectNoTrace(payloads);
    }
    for (const seen of [toBo, toGuest]) expectNoTrace(JSON.stringify(seen!()));
    // Staff may see who asked a question anonymous to classmates only.
    expect(JSON.stringify(toGrace!().filter((e) => e.questionId === peersId))).toContain('Ada Lovelace');
  });

  test('the asker is told their anonymous question was answered, and nobody else is notified about it', async () => {
    const questionId = await askOk(f.ada, f.courseId, hotseatId, 'Notify me quietly', { anonymity: 'everyone' });
    await moderate(f.grace, f.courseId, hotseatId, questionId, { action: 'answer', body: 'Here.' });
    const forAda = await f.agora.storage.notifications.listForPerson(adaId, f.courseId, 50);
    expect(forAda.some((n) => n.kind === 'hotseat-answer' && n.replyId === questionId)).toBe(true);
    const boPage = await f.bo.get(`/c/${f.courseId}/notifications`);
    expect(boPage.text).not.toContain(questionId);
  });
});

async function waitFor(condition: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
