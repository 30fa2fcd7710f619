import { startCourseFixture, type CourseFixture } from '../support/course-fixture';
import { act, postReply, postThread, threadPath } from '../support/room';

/** Reports, the staff queue, hiding, locking, pinning, deleting, the posting policy and the rate limit. */
describe('moderation and permissions in the discussion room', () => {
  let f: CourseFixture;
  beforeAll(async () => {
    f = await startCourseFixture();
  });
  afterAll(() => f.close());

  const room = () => `/c/${f.courseId}/discussion`;

  it('lets anyone report a post with a reason, and shows staff who reported what', async () => {
    const thread = await postThread(f.bo, f.courseId, { title: 'Spam?', body: 'Buy cheap essays' });
    const reported = await act(f.ada, f.courseId, `${room()}/posts/thread/${thread.id}/report`, { reason: 'Advertising essay mills' });
    expect(reported.status).toBe(200);
    const empty = await act(f.ada, f.courseId, `${room()}/posts/thread/${thread.id}/report`, { reason: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toContain('Say briefly what is wrong');
    const own = await act(f.bo, f.courseId, `${room()}/posts/thread/${thread.id}/report`, { reason: 'x' });
    expect(own.status).toBe(403);

    const queue = await f.grace.get(`${room()}/moderation`);
    expect(queue.status).toBe(200);
    expect(queue.text).toContain('Spam?');
    expect(queue.text).toContain('Ada Lovelace');
    expect(queue.text).toContain('Advertising essay mills');
    expect((await f.ada.get(`${room()}/moderation`)).status).toBe(403);
  });

  it('hides a thread from learners at once and settles its reports; staff still see it, marked', async () => {
    const thread = await postThread(f.bo, f.courseId, { title: 'Off-topic rant', body: 'grr' });
    await act(f.ada, f.courseId, `${room()}/posts/thread/${thread.id}/report`, { reason: 'Rude' });
    const hidden = await act(f.grace, f.courseId, `${room()}/posts/thread/${thread.id}/hide`, { hidden: true });
    expect(hidden.status).toBe(200);
    expect((await f.ada.get(threadPath(f.courseId, thread.id))).status).toBe(404);
    expect((await f.ada.get(room())).text).not.toContain('Off-topic rant');
    const staffView = await f.grace.get(threadPath(f.courseId, thread.id));
    expect(staffView.status).toBe(200);
    expect(staffView.text).toContain('Hidden from learners');
    expect((await f.grace.get(`${room()}/moderation`)).text).not.toContain('Off-topic rant');
    await act(f.grace, f.courseId, `${room()}/posts/thread/${thread.id}/hide`, { hidden: false });
    expect((await f.ada.get(threadPath(f.courseId, thread.id))).status).toBe(200);
  });

  it('hides a reply from learners but keeps the thread', async () => {
    const thread = await postThread(f.ada, f.courseId, { title: 'Question about labs', body: 'When?' });
    const reply = await postReply(f.bo, f.courseId, thread.id, { body: 'Something rude' });
    await act(f.grace, f.courseId, `${room()}/posts/reply/${reply.id}/hide`, { hidden: true });
    const asAda = await f.ada.get(`/api/courses/${f.courseId}/threads/${thread.id}`);
    expect(asAda.body.data.replies).toEqual([]);
    const asGrace = await f.grace.get(`/api/courses/${f.courseId}/threads/${thread.id}`);
    expect(asGrace.body.data.replies[0]).toMatchObject({ id: reply.id, hidden: true });
  });

  it('locks a thread: learners can no longer reply, staff can', async () => {
    const thread = await postThread(f.ada, f.courseId, { title: 'Closed topic', body: 'x' });
    await act(f.grace, f.courseId, `${room()}/threads/${thread.id}/moderate`, { locked: true });
    const refused = await act(f.bo, f.courseId, `${room()}/threads/${thread.id}/replies`, { body: 'me too' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('This thread is locked: staff closed it to new replies.');
    expect((await act(f.grace, f.courseId, `${room()}/threads/${thread.id}/replies`, { body: 'Final word' })).status).toBe(201);
    expect((await f.bo.get(threadPath(f.courseId, thread.id))).text).toContain('This thread is locked');
  });

  it('pins a thread to the top of the list', async () => {
    const pinned = await postThread(f.ada, f.courseId, { title: 'Read me first', body: 'x' });
    await postThread(f.bo, f.courseId, { title: 'Later thread', body: 'y' });
    await act(f.grace, f.courseId, `${room()}/threads/${pinned.id}/moderate`, { pinned: true });
    const list = await f.bo.get(`/api/courses/${f.courseId}/threads`);
    expect(list.body.data.threads[0]).toMatchObject({ id: pinned.id, pinned: true });
  });

  it('refuses learners every staff action, with a sentence, on forms and JSON alike', async () => {
    const thread = await postThread(f.ada, f.courseId, { title: 'Learner thread', body: 'x', kind: 'question' });
    const reply = await postReply(f.bo, f.courseId, thread.id, { body: 'answer' });
    const attempts: Array<[string, Record<string, unknown>, string]> = [
      [`${room()}/threads/${thread.id}/moderate`, { pinned: true }, 'Only course staff can pin threads.'],
      [`${room()}/threads/${thread.id}/moderate`, { locked: true }, 'Only course staff can lock threads.'],
      [`${room()}/posts/thread/${thread.id}/hide`, { hidden: true }, 'Only course staff can hide posts.'],
      [`${room()}/replies/${reply.id}/endorse`, { endorsed: true }, 'Only course staff can endorse answers.'],
      [`${room()}/settings`, { anonymity: 'everyone', postingPolicy: '' }, 'Only course staff can change the room settings.'],
      [`${room()}/tags`, { name: 'Mine' }, 'Only course staff can change the room settings.'],
      [`${room()}/posts/reply/${reply.id}/delete`, {}, 'You can delete only your own posts.'],
      [`${room()}/posts/reply/${reply.id}/edit`, { body: 'hijack' }, 'You can edit only your own posts, and not once they are deleted.'],
    ];
    for (const [path, body, message] of attempts) {
      const response = await act(f.ada, f.courseId, path, body);
      expect({ path, status: response.status, message: response.body.error?.message }).toEqual({ path, status: 403, message });
    }
    const announcement = await act(f.ada, f.courseId, `${room()}/threads`, { title: 'Fake news', body: 'x', kind: 'announcement' });
    expect(announcement.status).toBe(403);
    expect((await f.ada.get(`${room()}/settings`)).status).toBe(403);
  });

  it('lets staff delete any post, leaving a placeholder that keeps the conversation readable', async () => {
    const thread = await postThread(f.ada, f.courseId, { title: 'To be deleted', body: 'x' });
    const reply = await postReply(f.bo, f.courseId, thread.id, { body: 'a reply that stays' });
    expect((await act(f.grace, f.courseId, `${room()}/posts/thread/${thread.id}/delete`)).status).toBe(200);
    const page = await f.bo.get(threadPath(f.courseId, thread.id));
    expect(page.text).toContain('The author deleted this thread');
    expect(page.text).toContain('a reply that stays');
    expect(page.text).not.toContain('To be deleted');
    expect((await act(f.bo, f.courseId, `${room()}/posts/reply/${reply.id}/delete`)).status).toBe(200);
    expect((await f.ada.get(threadPath(f.courseId, thread.id))).text).toContain('This reply was deleted.');
  });

  it('asks learners to accept the posting policy once before their first post, and again when it changes', async () => {
    await act(f.grace, f.courseId, `${room()}/settings`, { anonymity: 'peers', postingPolicy: 'Be **kind**. No answers to graded work.' });
    try {
      const form = await f.bo.get(room());
      expect(form.text).toContain('<strong>kind</strong>');
      expect(form.text).toContain('I have read the posting policy and accept it.');
      const refused = await act(f.bo, f.courseId, `${room()}/threads`, { title: 'Hi', body: 'x' });
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('POLICY_NOT_ACCEPTED');
      expect((await act(f.bo, f.courseId, `${room()}/threads`, { title: 'Hi', body: 'x', acceptPolicy: 'true' })).status).toBe(201);
      expect((await act(f.bo, f.courseId, `${room()}/threads`, { title: 'Again', body: 'y' })).status).toBe(201);
      await act(f.grace, f.courseId, `${room()}/settings`, { anonymity: 'peers', postingPolicy: 'Be kind. New rule: cite sources.' });
      expect((await act(f.bo, f.courseId, `${room()}/threads`, { title: 'After change', body: 'z' })).body.error.code).toBe('POLICY_NOT_ACCEPTED');
      // Staff are never asked.
      expect((await act(f.grace, f.courseId, `${room()}/threads`, { title: 'Staff post', body: 'z' })).status).toBe(201);
    } finally {
      await act(f.grace, f.courseId, `${room()}/settings`, { anonymity: 'peers', postingPolicy: '' });
    }
  });

  it('limits each person to 10 posts a minute, with a message saying so', async () => {
    const thread = await postThread(f.eve, f.otherCourseId, { title: 'Chatty', body: 'x' });
    const results = [];
    for (let i = 0; i < 10; i += 1) {
      results.push((await act(f.eve, f.otherCourseId, `/c/${f.otherCourseId}/discussion/threads/${thread.id}/replies`, { body: `msg ${i}` })).status);
    }
    expect(results.filter((s) => s === 201)).toHaveLength(9);
    const limited = await act(f.eve, f.otherCourseId, `/c/${f.otherCourseId}/discussion/threads/${thread.id}/replies`, { body: 'one more' });
    expect(limited.status).toBe(429);
    expect(limited.body.error.message).toContain('at most 10 posts a minute');
  });

  it('keeps courses apart: nobody reads or writes another course\'s room', async () => {
    const thread = await postThread(f.ada, f.courseId, { title: 'Biology only', body: 'x' });
    expect((await f.eve.get(threadPath(f.courseId, thread.id))).status).toBe(403);
    expect((await act(f.eve, f.otherCourseId, `/c/${f.courseId}/discussion/posts/thread/${thread.id}/vote`)).status).toBe(403);
    // A thread id from another course does not resolve in this one.
    expect((await f.eve.get(threadPath(f.otherCourseId, thread.id))).status).toBe(404);
  });
});
