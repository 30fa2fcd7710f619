import type { Socket } from 'socket.io-client';
import { startCourseFixture, type CourseFixture } from '../support/course-fixture';
import { cookieHeader } from '../support/launch';
import { act, postReply, postThread, threadPath } from '../support/room';
import { connected, connectSocket, joinCourse, nextEvent } from '../support/socket';

/** Mentions, following, unread markers, notifications, "new since your last visit" and search. */
describe('people, notifications and search in the room', () => {
  let f: CourseFixture;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    f = await startCourseFixture();
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(() => f.close());
  const room = () => `/c/${f.courseId}/discussion`;

  it('suggests course members to mention, and notifies the person mentioned', async () => {
    const suggestions = await f.ada.get(`/api/courses/${f.courseId}/members?q=gra`);
    expect(suggestions.body.data.members).toEqual([{ handle: 'grace.hopper', name: 'Grace Hopper' }]);
    const other = await f.ada.get(`/api/courses/${f.courseId}/members?q=eve`);
    expect(other.body.data.members).toEqual([]);
    const thread = await postThread(f.ada, f.courseId, { title: 'Question for staff', body: 'Could @grace.hopper look at this?' });
    expect((await f.bo.get(threadPath(f.courseId, thread.id))).text).toContain('<span class="mention">@Grace Hopper</span>');
    expect((await f.grace.get(`/c/${f.courseId}/notifications`)).text).toContain('Ada Lovelace mentioned you');
  });

  it('notifies people mentioned for the first time by an edit, and only them', async () => {
    const thread = await postThread(f.ada, f.courseId, { title: 'Edited mention', body: 'Thanks @grace.hopper' });
    await act(f.bo, f.courseId, `/c/${f.courseId}/notifications/read`);
    await act(f.grace, f.courseId, `/c/${f.courseId}/notifications/read`);
    await act(f.ada, f.courseId, `${room()}/posts/thread/${thread.id}/edit`, { title: 'Edited mention', body: 'Thanks @grace.hopper and @bo.diddley' });
    expect((await f.bo.get(`/c/${f.courseId}/notifications`)).text).toContain('Ada Lovelace mentioned you');
    expect((await f.grace.get(`/c/${f.courseId}/notifications`)).text).not.toMatch(/class="notification is-unread"/);
  });

  it('notifies authors of replies and askers of answers, live on the bell, and marks them read', async () => {
    const boSocket = connectSocket(f.agora.url, cookieHeader(f.bo, f.agora.url));
    sockets.push(boSocket);
    await connected(boSocket);
    await joinCourse(boSocket, f.courseId);
    await act(f.bo, f.courseId, `/c/${f.courseId}/notifications/read`);
    const question = await postThread(f.bo, f.courseId, { title: 'How do I cite?', body: '?', kind: 'question' });
    const bell = nextEvent<{ courseId: string; unread: number }>(boSocket, 'course:notifications');
    const answer = await postReply(f.ada, f.courseId, question.id, { body: 'Use APA' });
    expect(await bell).toEqual({ courseId: f.courseId, unread: 1 });
    await act(f.grace, f.courseId, `${room()}/replies/${answer.id}/endorse`, { endorsed: true });
    const adaPage = await f.ada.get(`/c/${f.courseId}/notifications`);
    expect(adaPage.text).toContain('Staff endorsed your answer');
    const boPage = await f.bo.get(`/c/${f.courseId}/notifications`);
    expect(boPage.text).toContain('Ada Lovelace answered your question');
    expect(boPage.text).toMatch(/data-unread-count>1</);
    await act(f.bo, f.courseId, `/c/${f.courseId}/notifications/read`);
    expect((await f.bo.get(`/c/${f.courseId}/notifications`)).text).toMatch(/data-unread-count hidden>0</);
  });

  it('makes people follow what they write and reply to, notifies followers, and lets them unfollow', async () => {
    const thread = await postThread(f.ada, f.courseId, { title: 'Group project', body: 'Who is in?' });
    await postReply(f.bo, f.courseId, thread.id, { body: 'Me' });
    await act(f.ada, f.courseId, `/c/${f.courseId}/notifications/read`);
    await act(f.bo, f.courseId, `/c/${f.courseId}/notifications/read`);
    await postReply(f.grace, f.courseId, thread.id, { body: 'Great, go ahead' });
    expect((await f.bo.get(`/c/${f.courseId}/notifications`)).text).toContain('Grace Hopper replied');
    expect((await act(f.bo, f.courseId, `${room()}/threads/${thread.id}/follow`, { following: false })).body.data).toEqual({ following: false });
    await act(f.bo, f.courseId, `/c/${f.courseId}/notifications/read`);
    await postReply(f.grace, f.courseId, thread.id, { body: 'One more thing' });
    expect((await f.bo.get(`/c/${f.courseId}/notifications`)).text).not.toMatch(/class="notification is-unread"/);
  });

  it('marks threads with new activity as unread until opened', async () => {
    const thread = await postThread(f.ada, f.courseId, { title: 'Unread marker', body: 'x' });
    const item = async () => (await f.bo.get(`/api/courses/${f.courseId}/threads`)).body.data.threads.find((t: { id: string }) => t.id === thread.id);
    expect((await item()).unread).toBe(true);
    await f.bo.get(threadPath(f.courseId, thread.id));
    expect((await item()).unread).toBe(false);
    await postReply(f.ada, f.courseId, thread.id, { body: 'news' });
    expect((await item()).unread).toBe(true);
  });

  it('says on the course home what others posted since the last visit', async () => {
    await f.bo.get(`/c/${f.courseId}`);
    await postThread(f.ada, f.courseId, { title: 'First', body: 'x' });
    const second = await postThread(f.grace, f.courseId, { title: 'Second', body: 'y' });
    await postReply(f.ada, f.courseId, second.id, { body: 'z' });
    await postThread(f.bo, f.courseId, { title: 'My own', body: 'not news to me' });
    const home = await f.bo.get(`/c/${f.courseId}`);
    expect(home.text).toContain('2 new threads and 1 new reply since your last visit');
    expect((await f.bo.get(`/c/${f.courseId}`)).text).not.toContain('since your last visit');
  });

  it('finds threads and replies by their words, ranked, with highlighted snippets, respecting what the viewer may see', async () => {
    const visible = await postThread(f.ada, f.courseId, { title: 'Mitochondria and respiration', body: 'The powerhouse of the cell.' });
    await postReply(f.bo, f.courseId, visible.id, { body: 'Respiration also happens in plants.' });
    const hidden = await postThread(f.bo, f.courseId, { title: 'Respiration cheat sheet', body: 'leaked answers' });
    await act(f.grace, f.courseId, `${room()}/posts/thread/${hidden.id}/hide`, { hidden: true });

    const asAda = await f.ada.get(`${room()}/search?q=respiration`);
    expect(asAda.text).toContain('Mitochondria and respiration');
    expect(asAda.text).toMatch(/<mark>[Rr]espiration<\/mark>/);
    expect(asAda.text).not.toContain('cheat sheet');
    expect((await f.grace.get(`${room()}/search?q=respiration`)).text).toContain('Respiration cheat sheet');
    expect((await f.ada.get(`${room()}/search?q=mitoch`)).text).toContain('Mitochondria and respiration');
    const nothing = await f.ada.get(`${room()}/search?q=zebrafish`);
    expect(nothing.text).toContain('Nothing matches');
    const hostile = await f.ada.get(`${room()}/search?q=${encodeURIComponent('<script>x</script> "')}`);
    expect(hostile.status).toBe(200);
    expect(hostile.text).not.toContain('<script>x');
    expect((await f.eve.get(`/c/${f.otherCourseId}/discussion/search?q=respiration`)).text).toContain('Nothing matches');
  });
});
