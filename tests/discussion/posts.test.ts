import { startCourseFixture, type CourseFixture } from '../support/course-fixture';
import { act, postReply, postThread, threadPath } from '../support/room';

/** Writing in the room: Markdown, replies and comments, edits with history, deletions, limits, hostile input. */
describe('posts in the discussion room', () => {
  let f: CourseFixture;
  beforeAll(async () => {
    f = await startCourseFixture();
  });
  afterAll(() => f.close());

  it('renders Markdown on the server: lists, links, images by URL, highlighted code and maths', async () => {
    const body = [
      '- one', '- two', '', '[docs](https://example.org/docs)', '', '![diagram](https://example.org/d.png)', '',
      '```python', 'def f(x):', '    return x * 2', '```', '', 'Energy: $E = mc^2$', '', '$$\\int_0^1 x\\,dx$$',
    ].join('\n');
    const thread = await postThread(f.ada, f.courseId, { title: 'Formatting', body });
    const page = await f.bo.get(threadPath(f.courseId, thread.id));
    expect(page.text).toContain('<li>one</li>');
    expect(page.text).toMatch(/<a href="https:\/\/example.org\/docs" rel="nofollow ugc noopener noreferrer" target="_blank">docs<\/a>/);
    expect(page.text).toMatch(/<img src="https:\/\/example.org\/d.png" alt="diagram"/);
    expect(page.text).toContain('<span class="hljs-keyword">def</span>');
    expect(page.text).toMatch(/<math xmlns="http:\/\/www.w3.org\/1998\/Math\/MathML">.*<mi>E<\/mi>/s);
    expect(page.text).toContain('display="block"');
  });

  it('keeps hostile input inert in every field', async () => {
    const payloads = ['<script>alert(1)</script>', '<img src=x onerror=alert(2)>', '[x](javascript:alert(3))', '<iframe src="https://evil.example"></iframe>', '"><svg onload=alert(4)>', '$\\href{javascript:alert(5)}{x}$'];
    const thread = await postThread(f.ada, f.courseId, { title: payloads[0], body: payloads.join('\n\n') });
    const reply = await postReply(f.bo, f.courseId, thread.id, { body: payloads.join(' ') });
    await act(f.bo, f.courseId, `/c/${f.courseId}/discussion/posts/reply/${reply.id}/edit`, { body: `${payloads[1]} edited` });
    await act(f.grace, f.courseId, `/c/${f.courseId}/discussion/tags`, { name: '<b onmouseover=alert(6)>tag</b>' });
    for (const path of [threadPath(f.courseId, thread.id), `/c/${f.courseId}/discussion`, `/c/${f.courseId}/discussion/search?q=alert`, `/c/${f.courseId}/discussion/settings`]) {
      const page = await f.grace.get(path);
      // Live markup only: the same words escaped as text are harmless and expected.
      expect(page.text).not.toMatch(/<script[\s>](?!<\/script>)[^<]*alert|<iframe|<svg|<[a-z][^>]*\son[a-z]+=|href="javascript:/i);
      expect(page.text).toMatch(/&lt;[a-z]/);
    }
  });

  it('replies to a thread and comments on a reply, two levels and no deeper', async () => {
    const thread = await postThread(f.ada, f.courseId, { title: 'Nesting', body: 'x' });
    const reply = await postReply(f.bo, f.courseId, thread.id, { body: 'first level' });
    const comment = await postReply(f.ada, f.courseId, thread.id, { body: 'second level', parentId: reply.id });
    const deeper = await act(f.bo, f.courseId, `/c/${f.courseId}/discussion/threads/${thread.id}/replies`, { body: 'third level', parentId: comment.id });
    expect(deeper.status).toBe(400);
    expect(deeper.body.error.message).toContain('Comments go on replies');
    const json = await f.bo.get(`/api/courses/${f.courseId}/threads/${thread.id}`);
    expect(json.body.data.replies).toHaveLength(1);
    expect(json.body.data.replies[0].comments.map((c: { id: string }) => c.id)).toEqual([comment.id]);
    expect(json.body.data.thread).toMatchObject({ replyCount: 2, answerCount: 1 });
  });

  it('lets authors edit their posts: marked edited, earlier versions kept for staff only', async () => {
    const thread = await postThread(f.ada, f.courseId, { title: 'Tpyo', body: 'Frist version' });
    const edited = await act(f.ada, f.courseId, `/c/${f.courseId}/discussion/posts/thread/${thread.id}/edit`, { title: 'Typo', body: 'First version' });
    expect(edited.status).toBe(200);
    const page = await f.bo.get(threadPath(f.courseId, thread.id));
    expect(page.text).toContain('Typo');
    expect(page.text).toContain('edited');
    expect(page.text).not.toContain('Frist version');
    const history = await f.grace.get(`/c/${f.courseId}/discussion/posts/thread/${thread.id}/history`);
    expect(history.text).toContain('Frist version');
    expect(history.text).toContain('Tpyo');
    expect((await f.bo.get(`/c/${f.courseId}/discussion/posts/thread/${thread.id}/history`)).status).toBe(403);
    const form = await f.ada.get(`/c/${f.courseId}/discussion/posts/thread/${thread.id}/edit`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('First version');
    expect((await f.bo.get(`/c/${f.courseId}/discussion/posts/thread/${thread.id}/edit`)).status).toBe(403);
  });

  it('lets authors delete their posts; the thread keeps reading', async () => {
    const thread = await postThread(f.ada, f.courseId, { title: 'Keep me', body: 'x' });
    const reply = await postReply(f.bo, f.courseId, thread.id, { body: 'I regret this' });
    await act(f.bo, f.courseId, `/c/${f.courseId}/discussion/posts/reply/${reply.id}/delete`);
    const page = await f.ada.get(threadPath(f.courseId, thread.id));
    expect(page.text).toContain('This reply was deleted.');
    expect(page.text).not.toContain('I regret this');
    const again = await act(f.bo, f.courseId, `/c/${f.courseId}/discussion/posts/reply/${reply.id}/delete`);
    expect(again.status).toBe(403);
  });

  it('gives clear errors for empty and oversized posts, and keeps the text in the form', async () => {
    const empty = await act(f.ada, f.courseId, `/c/${f.courseId}/discussion/threads`, { title: 'Empty', body: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toBe('Write something in your post before publishing it.');
    const huge = await act(f.ada, f.courseId, `/c/${f.courseId}/discussion/threads`, { title: 'Huge', body: 'x'.repeat(20_001) });
    expect(huge.status).toBe(400);
    expect(huge.body.error.message).toContain('Posts can be up to 20,000 characters');
    const token = /data-csrf="([^"]+)"/.exec((await f.ada.get(`/c/${f.courseId}/discussion`)).text)![1];
    const form = await f.ada.post(`/c/${f.courseId}/discussion/threads`).type('form').send({ title: '', body: 'my careful words', _csrf: token });
    expect(form.status).toBe(400);
    expect(form.text).toContain('Give your thread a title.');
    expect(form.text).toContain('my careful words');
  });
});
