import type { Socket } from 'socket.io-client';
import { startCourseFixture, type CourseFixture } from '../support/course-fixture';
import { cookieHeader } from '../support/launch';
import { act, postReply, postThread, threadPath } from '../support/room';
import { connected, connectSocket, joinCourse, nextEvent } from '../support/socket';

/**
 * Anonymity by design: an anonymous author's identity never reaches someone who may not see it,
 * on any channel: page HTML, JSON, socket events, search results, notifications, edit history.
 * Every check searches the whole response for the author's name and ids, not a single field.
 */
describe('anonymity in the discussion room', () => {
  let f: CourseFixture;
  const sockets: Socket[] = [];
  // What would identify Ada, the anonymous author, anywhere in a response.
  const adaTraces = ['Ada Lovelace', 'Ada', 'Lovelace'];
  let adaPersonId: string;

  const expectNoTrace = (text: string) => {
    for (const trace of [...adaTraces, adaPersonId]) expect(text).not.toContain(trace);
  };

  beforeAll(async () => {
    f = await startCourseFixture();
    const me = await f.ada.get(`/api/courses/${f.courseId}/threads`);
    expect(me.status).toBe(200);
    // Ada's person id, from her own named post (she sees it as hers).
    const named = await postThread(f.ada, f.courseId, { title: 'Named warm-up', body: 'hello' });
    const json = await f.grace.get(`/api/courses/${f.courseId}/threads/${named.id}`);
    expect(json.body.data.thread.author.name).toBe('Ada Lovelace');
    adaPersonId = (await f.agora.storage.threads.findById(f.courseId, named.id))!.authorId;
    await act(f.grace, f.courseId, `/c/${f.courseId}/discussion/settings`, { anonymity: 'everyone', postingPolicy: '' });
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(() => f.close());

  it('shows a post anonymous to classmates under a stable pseudonym to learners, and under the real name to staff', async () => {
    const thread = await postThread(f.ada, f.courseId, { title: 'Shy question', body: 'Is it ok to ask?', anonymity: 'peers', kind: 'question' });
    const reply = await postReply(f.ada, f.courseId, thread.id, { body: 'Adding detail', anonymity: 'peers' });

    const asBo = await f.bo.get(threadPath(f.courseId, thread.id));
    expect(asBo.text).toMatch(/Anonymous [A-Z][a-z]+/);
    expectNoTrace(asBo.text);
    const pseudonym = /(Anonymous [A-Z][a-z]+)/.exec(asBo.text)![1]!;
    // The same pseudonym on the thread and the reply: the conversation stays followable.
    expect(asBo.text.split(pseudonym).length - 1).toBeGreaterThanOrEqual(2);

    const json = await f.bo.get(`/api/courses/${f.courseId}/threads/${thread.id}`);
    expectNoTrace(JSON.stringify(json.body));
    expect(json.body.data.thread.author).toMatchObject({ name: pseudonym, anonymous: true, isYou: false });
    expect(json.body.data.replies.find((r: { id: string }) => r.id === reply.id).author.name).toBe(pseudonym);

    const asGrace = await f.grace.get(threadPath(f.courseId, thread.id));
    expect(asGrace.text).toContain('Ada Lovelace');
    expect(asGrace.text).toContain('Anonymous to classmates');

    const asAda = await f.ada.get(`/api/courses/${f.courseId}/threads/${thread.id}`);
    expect(asAda.body.data.thread.author).toMatchObject({ name: pseudonym, isYou: true });
  });

  it('hides a post anonymous to everyone from staff too, everywhere', async () => {
    const thread = await postThread(f.ada, f.courseId, { title: 'Whistle about the exam', body: 'Rumour about question 3', anonymity: 'everyone' });
    for (const path of [threadPath(f.courseId, thread.id), `/api/courses/${f.courseId}/threads/${thread.id}`]) {
      const asGrace = await f.grace.get(path);
      expect(asGrace.status).toBe(200);
      expectNoTrace(asGrace.text);
    }
    // Lists hold other people's named posts too: look at this thread's entry only.
    const list = await f.grace.get(`/c/${f.courseId}/discussion`);
    const item = new RegExp(`<li class="thread-item[^"]*" id="thread-${thread.id}"[\\s\\S]*?</li>`).exec(list.text)![0];
    expectNoTrace(item);
    const api = await f.grace.get(`/api/courses/${f.courseId}/threads`);
    expectNoTrace(JSON.stringify(api.body.data.threads.find((t: { id: string }) => t.id === thread.id)));
    const search = await f.grace.get(`/c/${f.courseId}/discussion/search?q=rumour`);
    expect(search.text).toContain('Whistle about the exam');
    expectNoTrace(search.text);
  });

  it('never sends the author of an anonymous post to other people over the socket', async () => {
    const graceSocket = connectSocket(f.agora.url, cookieHeader(f.grace, f.agora.url));
    const boSocket = connectSocket(f.agora.url, cookieHeader(f.bo, f.agora.url));
    sockets.push(graceSocket, boSocket);
    await Promise.all([connected(graceSocket), connected(boSocket)]);
    await joinCourse(graceSocket, f.courseId);
    await joinCourse(boSocket, f.courseId);
    const toGrace = nextEvent<Record<string, unknown>>(graceSocket, 'course:event');
    const toBo = nextEvent<Record<string, unknown>>(boSocket, 'course:event');
    await postThread(f.ada, f.courseId, { title: 'Live and anonymous', body: 'psst', anonymity: 'everyone' });
    expectNoTrace(JSON.stringify(await toGrace));
    expectNoTrace(JSON.stringify(await toBo));
  });

  it('keeps notifications anonymous: the person notified of a reply does not learn who wrote it', async () => {
    const graceThread = await postThread(f.grace, f.courseId, { title: 'Office hours moved', body: 'Now on Friday' });
    await postReply(f.ada, f.courseId, graceThread.id, { body: 'Thanks @grace.hopper', anonymity: 'everyone' });
    const page = await f.grace.get(`/c/${f.courseId}/notifications`);
    expect(page.text).toMatch(/Anonymous [A-Z][a-z]+ (replied|mentioned you)/);
    expectNoTrace(page.text);
  });

  it('keeps the edit history anonymous too', async () => {
    const thread = await postThread(f.ada, f.courseId, { title: 'Draft', body: 'first words', anonymity: 'everyone' });
    const edit = await act(f.ada, f.courseId, `/c/${f.courseId}/discussion/posts/thread/${thread.id}/edit`, { title: 'Draft', body: 'second words' });
    expect(edit.status).toBe(200);
    const history = await f.grace.get(`/c/${f.courseId}/discussion/posts/thread/${thread.id}/history`);
    expect(history.status).toBe(200);
    expect(history.text).toContain('first words');
    expectNoTrace(history.text);
  });

  it('never unmasks earlier posts when the course setting changes', async () => {
    const thread = await postThread(f.ada, f.courseId, { title: 'Before the change', body: 'x', anonymity: 'everyone' });
    await act(f.grace, f.courseId, `/c/${f.courseId}/discussion/settings`, { anonymity: 'named', postingPolicy: '' });
    try {
      const asGrace = await f.grace.get(threadPath(f.courseId, thread.id));
      expectNoTrace(asGrace.text);
      const refused = await act(f.ada, f.courseId, `/c/${f.courseId}/discussion/threads`, { title: 'Now?', body: 'x', anonymity: 'peers' });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toBe('This course does not allow anonymous posts.');
    } finally {
      await act(f.grace, f.courseId, `/c/${f.courseId}/discussion/settings`, { anonymity: 'everyone', postingPolicy: '' });
    }
  });

  it('refuses anonymity beyond what the course allows', async () => {
    await act(f.grace, f.courseId, `/c/${f.courseId}/discussion/settings`, { anonymity: 'peers', postingPolicy: '' });
    try {
      const refused = await act(f.ada, f.courseId, `/c/${f.courseId}/discussion/threads`, { title: 'Fully hidden?', body: 'x', anonymity: 'everyone' });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toContain('staff will see your name');
    } finally {
      await act(f.grace, f.courseId, `/c/${f.courseId}/discussion/settings`, { anonymity: 'everyone', postingPolicy: '' });
    }
  });
});
