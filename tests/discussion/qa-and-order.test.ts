import { startCourseFixture, type CourseFixture } from '../support/course-fixture';
import { newId } from '../../src/domain/ids';
import { act, postReply, postThread, threadPath } from '../support/room';

/** Questions with endorsed and accepted answers, announcements, votes, sorting, filters, tags and paging. */
describe('questions, votes and finding your way in the room', () => {
  let f: CourseFixture;
  beforeAll(async () => {
    f = await startCourseFixture();
  });
  afterAll(() => f.close());
  const room = () => `/c/${f.courseId}/discussion`;

  it('resolves a question when staff endorse an answer or the asker accepts one', async () => {
    const question = await postThread(f.ada, f.courseId, { title: 'What is ATP?', body: '?', kind: 'question' });
    const answer = await postReply(f.bo, f.courseId, question.id, { body: 'Energy currency' });
    let view = (await f.ada.get(`/api/courses/${f.courseId}/threads/${question.id}`)).body.data;
    expect(view.thread).toMatchObject({ isQuestion: true, resolved: false });
    expect((await f.ada.get(`/api/courses/${f.courseId}/threads?filter=unresolved`)).body.data.threads.map((t: { id: string }) => t.id)).toContain(question.id);

    expect((await act(f.grace, f.courseId, `${room()}/replies/${answer.id}/endorse`, { endorsed: true })).status).toBe(200);
    view = (await f.ada.get(`/api/courses/${f.courseId}/threads/${question.id}`)).body.data;
    expect(view.thread.resolved).toBe(true);
    expect(view.replies[0]).toMatchObject({ endorsed: true });
    expect((await f.ada.get(threadPath(f.courseId, question.id))).text).toContain('Endorsed by staff');

    expect((await act(f.bo, f.courseId, `${room()}/threads/${question.id}/accept`, { replyId: answer.id })).body.error.message).toBe('Only the person who asked can accept an answer.');
    expect((await act(f.ada, f.courseId, `${room()}/threads/${question.id}/accept`, { replyId: answer.id })).status).toBe(200);
    view = (await f.ada.get(`/api/courses/${f.courseId}/threads/${question.id}`)).body.data;
    expect(view.replies[0]).toMatchObject({ accepted: true });
    expect((await f.ada.get(`/api/courses/${f.courseId}/threads?filter=unresolved`)).body.data.threads.map((t: { id: string }) => t.id)).not.toContain(question.id);
  });

  it('lets only staff post announcements, which are pinned and notify everyone in the course', async () => {
    const announcement = await postThread(f.grace, f.courseId, { title: 'Exam on Friday', body: 'Room 101', kind: 'announcement' });
    const list = (await f.bo.get(`/api/courses/${f.courseId}/threads`)).body.data.threads;
    expect(list[0]).toMatchObject({ id: announcement.id, pinned: true, kind: 'announcement' });
    const notifications = await f.bo.get(`/c/${f.courseId}/notifications`);
    expect(notifications.text).toContain('Grace Hopper posted an announcement');
    expect(notifications.text).toContain('Exam on Friday');
  });

  it('counts one vote per person and takes it back on a second vote', async () => {
    const thread = await postThread(f.ada, f.courseId, { title: 'Vote me', body: 'x' });
    const votePath = `${room()}/posts/thread/${thread.id}/vote`;
    expect((await act(f.bo, f.courseId, votePath)).body.data).toEqual({ voted: true, voteCount: 1 });
    expect((await act(f.grace, f.courseId, votePath)).body.data).toEqual({ voted: true, voteCount: 2 });
    expect((await act(f.bo, f.courseId, votePath)).body.data).toEqual({ voted: false, voteCount: 1 });
  });

  it('sorts by latest activity, newest and most votes, with pinned threads first', async () => {
    const quiet = await postThread(f.eve, f.otherCourseId, { title: 'Quiet', body: 'x' });
    const popular = await postThread(f.eve, f.otherCourseId, { title: 'Popular', body: 'x' });
    const active = await postThread(f.eve, f.otherCourseId, { title: 'Active', body: 'x' });
    await act(f.eve, f.otherCourseId, `/c/${f.otherCourseId}/discussion/posts/thread/${popular.id}/vote`);
    await postReply(f.eve, f.otherCourseId, quiet.id, { body: 'bump' });
    const order = async (sort: string) => (await f.eve.get(`/api/courses/${f.otherCourseId}/threads?sort=${sort}`)).body.data.threads.map((t: { title: string }) => t.title);
    expect(await order('activity')).toEqual(['Quiet', 'Active', 'Popular']);
    expect(await order('newest')).toEqual(['Active', 'Popular', 'Quiet']);
    expect((await order('top'))[0]).toBe('Popular');
    expect(active.id).toBeDefined();
  });

  it('filters by unanswered, mine, following and tag', async () => {
    const tag = (await act(f.grace, f.courseId, `${room()}/tags`, { name: 'Week 3' })).body.data.tag as { id: string };
    const tagged = await postThread(f.bo, f.courseId, { title: 'Tagged question', body: 'x', tagIds: [tag.id] });
    const mine = await postThread(f.ada, f.courseId, { title: 'Ada alone', body: 'x' });
    await act(f.bo, f.courseId, `${room()}/threads/${mine.id}/follow`, { following: true });
    const ids = async (browser: typeof f.ada, query: string) => (await browser.get(`/api/courses/${f.courseId}/threads?${query}`)).body.data.threads.map((t: { id: string }) => t.id);
    expect(await ids(f.ada, `tag=${tag.id}`)).toEqual([tagged.id]);
    expect(await ids(f.ada, 'filter=mine')).toContain(mine.id);
    expect(await ids(f.ada, 'filter=mine')).not.toContain(tagged.id);
    expect(await ids(f.bo, 'filter=following')).toEqual(expect.arrayContaining([mine.id, tagged.id]));
    expect(await ids(f.ada, 'filter=unanswered')).toEqual(expect.arrayContaining([mine.id, tagged.id]));
    const page = await f.ada.get(`${room()}?filter=mine`);
    expect(page.text).toContain('Ada alone');
    expect(page.text).not.toContain('Tagged question');
  });

  it('pages through many threads with a cursor, without gaps or repeats', async () => {
    const seed = await postThread(f.eve, f.otherCourseId, { title: 'Seed', body: 'x' });
    const authorId = (await f.agora.storage.threads.findById(f.otherCourseId, seed.id))!.authorId;
    for (let i = 0; i < 60; i += 1) {
      const at = new Date(Date.UTC(2020, 0, 1, 0, i));
      await f.agora.storage.threads.create({
        id: newId(at.getTime()), courseId: f.otherCourseId, authorId, kind: 'discussion', anonymity: 'named', title: `Bulk ${i}`,
        bodySource: 'x', bodyHtml: '<p>x</p>', tagIds: [], replyCount: 0, answerCount: 0, voteCount: 0, pinned: false, locked: false,
        hidden: false, acceptedReplyId: null, endorsedAnswerCount: 0, createdAt: at, editedAt: null, deletedAt: null, lastActivityAt: at,
      });
    }
    const titles: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await f.eve.get(`/api/courses/${f.otherCourseId}/threads${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`);
      titles.push(...response.body.data.threads.map((t: { title: string }) => t.title));
      cursor = response.body.data.nextCursor;
    } while (cursor);
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles.filter((t) => t.startsWith('Bulk '))).toEqual(Array.from({ length: 60 }, (_, i) => `Bulk ${59 - i}`));
    expect((await f.eve.get(`/c/${f.otherCourseId}/discussion`)).text).toContain('Older threads');
  });
});
