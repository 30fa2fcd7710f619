import type { Socket } from 'socket.io-client';
import type { TestAgora } from '../support/agora';
import { startCourseFixture, type CourseFixture } from '../support/course-fixture';
import { cookieHeader, csrfToken, type Browser } from '../support/launch';
import { collect, connected, connectSocket, joinCourse, nextEvent, refused } from '../support/socket';

describe('live updates over socket.io', () => {
  let fixture: CourseFixture;
  let agora: TestAgora;
  let ada: Browser;
  let grace: Browser;
  let eve: Browser;
  let courseId: string;
  let otherCourseId: string;
  const sockets: Socket[] = [];

  const open = async (browser: Browser) => {
    const socket = connectSocket(agora.url, cookieHeader(browser, agora.url));
    sockets.push(socket);
    await connected(socket);
    return socket;
  };

  async function startThread(browser: Browser, title: string) {
    const token = await csrfToken(browser, `/c/${courseId}/discussion`);
    const response = await browser.post(`/api/courses/${courseId}/threads`).set('X-CSRF-Token', token).send({ title, body: `About ${title}` });
    expect(response.status).toBe(201);
    return response.body.data.thread as { id: string; title: string };
  }

  beforeAll(async () => {
    fixture = await startCourseFixture();
    ({ agora, ada, grace, eve, courseId, otherCourseId } = fixture);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(() => fixture.close());

  it('refuses a socket without a session', async () => {
    const error = await refused(connectSocket(agora.url, ''));
    expect(error.data).toEqual({ code: 'NO_SESSION', message: expect.stringContaining('Open Agora again') });
  });

  it('refuses a socket opened from a foreign page (cross-site WebSocket hijacking)', async () => {
    const error = await refused(connectSocket(agora.url, cookieHeader(ada, agora.url), 'https://evil.example'));
    expect(error.data?.code).toBe('ORIGIN_REFUSED');
  });

  it("refuses to join another course's room", async () => {
    const socket = await open(eve);
    const answer = await joinCourse(socket, courseId);
    expect(answer).toEqual({ ok: false, error: { code: 'NOT_A_MEMBER', message: expect.any(String) } });
  });

  it('rejects a malformed join with a sentence', async () => {
    const socket = await open(ada);
    const answer = await socket.timeout(5000).emitWithAck('course:join', { courseId: 42 });
    expect(answer.ok).toBe(false);
    expect(answer.error.code).toBe('INVALID_INPUT');
  });

  it("shows a new thread live to everyone in the course, and to no one outside it", async () => {
    const adaSocket = await open(ada);
    const graceSocket = await open(grace);
    const eveSocket = await open(eve);
    expect((await joinCourse(adaSocket, courseId)).ok).toBe(true);
    expect((await joinCourse(graceSocket, courseId)).ok).toBe(true);
    expect((await joinCourse(eveSocket, otherCourseId)).ok).toBe(true);
    const eveSaw = collect(eveSocket, 'course:event');

    const arriving = nextEvent<{ type: string; seq: number; thread: { title: string }; threadItemHtml: string }>(graceSocket, 'course:event');
    const thread = await startThread(ada, 'Live thread');
    const event = await arriving;
    expect(event).toMatchObject({ type: 'thread.created', thread: { id: thread.id, title: 'Live thread', replyCount: 0 } });
    expect(event.threadItemHtml).toContain('Ada Lovelace');
    expect(event.seq).toBeGreaterThan(0);

    // A reply from the other side arrives too.
    const replyArriving = nextEvent<{ type: string; replyHtml: string }>(adaSocket, 'course:event', 5000, (e) => e.type === 'reply.created');
    const token = await csrfToken(grace, `/c/${courseId}/discussion`);
    await grace.post(`/api/courses/${courseId}/threads/${thread.id}/replies`).set('X-CSRF-Token', token).send({ body: 'Welcome!' });
    const replyEvent = await replyArriving;
    expect(replyEvent).toMatchObject({ type: 'reply.created', reply: { authorName: 'Grace Hopper' }, thread: { replyCount: 1 } });
    expect(replyEvent.replyHtml).toContain('<p>Welcome!</p>');

    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(eveSaw()).toEqual([]);
  });

  it('replays what a client missed while it was disconnected', async () => {
    const first = await open(ada);
    const joined = await joinCourse<{ latestSeq: number }>(first, courseId);
    const seenUpTo = joined.data.latestSeq;
    first.disconnect();

    const missedA = await startThread(grace, 'Missed A');
    const missedB = await startThread(grace, 'Missed B');

    const again = await open(ada);
    const rejoined = await joinCourse<{ replayed: Array<{ seq: number; thread: { id: string } }>; resync: boolean }>(again, courseId, seenUpTo);
    expect(rejoined.ok).toBe(true);
    expect(rejoined.data.resync).toBe(false);
    expect(rejoined.data.replayed.map((e) => e.thread.id)).toEqual([missedA.id, missedB.id]);
    const seqs = rejoined.data.replayed.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(seqs[0]).toBeGreaterThan(seenUpTo);
  });

  it('sends each audience what it may see: learners lose a hidden thread at once, staff see it marked', async () => {
    const adaSocket = await open(ada);
    const graceSocket = await open(grace);
    await joinCourse(adaSocket, courseId);
    await joinCourse(graceSocket, courseId);
    const thread = await startThread(grace, 'To be hidden');
    const toAda = nextEvent<{ type: string; removed: boolean }>(adaSocket, 'course:event', 5000, (e) => e.type === 'thread.changed');
    const toGrace = nextEvent<{ type: string; removed: boolean; threadItemHtml: string }>(graceSocket, 'course:event', 5000, (e) => e.type === 'thread.changed');
    const token = await csrfToken(grace, `/c/${courseId}/discussion`);
    await grace.post(`/c/${courseId}/discussion/posts/thread/${thread.id}/hide`).set('Accept', 'application/json').set('X-CSRF-Token', token).send({ hidden: true });
    expect(await toAda).toMatchObject({ removed: true, thread: null, threadItemHtml: null });
    const staffView = await toGrace;
    expect(staffView).toMatchObject({ removed: false, thread: { id: thread.id } });
    expect(staffView.threadItemHtml).toContain('Hidden from learners');
  });

  it('carries vote counts live, and shows authors their own posts as theirs only', async () => {
    const adaSocket = await open(ada);
    const graceSocket = await open(grace);
    await joinCourse(adaSocket, courseId);
    await joinCourse(graceSocket, courseId);
    type Created = { type: string; threadItemHtml: string; threadHeadHtml: string | null };
    const toAda = nextEvent<Created>(adaSocket, 'course:event', 5000, (e) => e.type === 'thread.created');
    const toGrace = nextEvent<Created>(graceSocket, 'course:event', 5000, (e) => e.type === 'thread.created');
    const thread = await startThread(ada, 'Mine, live');
    const [own, others] = await Promise.all([toAda, toGrace]);
    expect(own.threadItemHtml).toContain('(you)');
    expect(others.threadItemHtml).toContain('Ada Lovelace');
    expect(others.threadItemHtml).not.toContain('(you)');
    // No page can show a thread's head before the thread exists, so its creation carries none.
    expect([own.threadHeadHtml, others.threadHeadHtml]).toEqual([null, null]);
    const voted = nextEvent<{ change: string; threadItemHtml: string }>(adaSocket, 'course:event', 5000, (e) => e.change === 'voted');
    const token = await csrfToken(grace, `/c/${courseId}/discussion`);
    await grace.post(`/c/${courseId}/discussion/posts/thread/${thread.id}/vote`).set('Accept', 'application/json').set('X-CSRF-Token', token);
    const vote = await voted;
    expect(vote.threadItemHtml).toMatch(/data-vote-total>1\D/);
  });

  it('tells everyone in the course who is here now, staff first', async () => {
    const adaSocket = await open(ada);
    await joinCourse(adaSocket, courseId);
    const update = nextEvent<{ courseId: string; total: number; people: Array<{ name: string; role: string }> }>(adaSocket, 'course:presence', 5000, (p) => p.total === 2);
    const graceSocket = await open(grace);
    const answer = await joinCourse<{ total: number; people: Array<{ name: string }> }>(graceSocket, courseId);
    expect(answer.data.people.map((p) => p.name)).toEqual(['Grace Hopper', 'Ada Lovelace']);
    expect(answer.data.total).toBe(2);
    const presence = await update;
    expect(presence.people).toEqual([
      expect.objectContaining({ name: 'Grace Hopper', role: 'staff' }),
      expect.objectContaining({ name: 'Ada Lovelace', role: 'learner' }),
    ]);
  });
});
