import { can, type Action, type Subject } from '../../src/policies/can';
import { act, postReply, postThread, threadPath } from '../support/room';
import { allowAnonymity, createTag, endorse, personIdOf, startCareFixture, type CareFixture } from './support';

/** Champions: a badge, and pin and lock in their community's rooms, nothing more; and who knows what. */
describe('champion permissions (policy)', () => {
  const courseId = 'course-1';
  const learner: Subject = { personId: 'p1', courseId, role: 'learner' };
  const champion: Subject = { ...learner, champion: true };
  // Every action that is more than a learner's: a champion gets pin and lock among them, and no other.
  const staffActions: Action[] = [
    'thread.announce', 'post.endorse', 'post.hide', 'post.seeHidden', 'post.history', 'moderation.view', 'settings.manage',
    'grades.manage', 'alumni.manage', 'questions.triage', 'insights.view', 'champions.manage', 'course.export',
  ];

  it('lets a champion pin and lock threads', () => {
    expect(can(learner, 'thread.pin', { courseId })).toBe(false);
    expect(can(champion, 'thread.pin', { courseId })).toBe(true);
    expect(can(champion, 'thread.lock', { courseId })).toBe(true);
  });

  it.each(staffActions)('does not let a champion %s', (action) => {
    expect(can(champion, action, { courseId, authorId: 'someone-else' })).toBe(false);
  });

  it('gives a champion nothing in another course', () => {
    expect(can(champion, 'thread.pin', { courseId: 'course-2' })).toBe(false);
  });
});

describe('champions and expertise in a course', () => {
  let f: CareFixture;
  let boId: string;
  const champions = () => `/c/${f.courseId}/care/champions`;

  beforeAll(async () => {
    f = await startCareFixture();
    await allowAnonymity(f, 'everyone');
    boId = await personIdOf(f, 'bo');
  });
  afterAll(() => f.close());

  it('lets staff make a learner a champion, who then may pin and lock other people\'s threads', async () => {
    const thread = await postThread(f.ada, f.courseId, { title: 'Pin me', body: 'x' });
    expect((await act(f.bo, f.courseId, `/c/${f.courseId}/discussion/threads/${thread.id}/moderate`, { pinned: true })).status).toBe(403);
    expect((await act(f.grace, f.courseId, champions(), { personId: boId })).status).toBe(201);

    const page = await f.bo.get(threadPath(f.courseId, thread.id));
    expect(page.text).toContain('>Pin<');
    expect(page.text).toContain('>Lock<');
    expect((await act(f.bo, f.courseId, `/c/${f.courseId}/discussion/threads/${thread.id}/moderate`, { pinned: true })).status).toBe(200);
    expect((await act(f.bo, f.courseId, `/c/${f.courseId}/discussion/threads/${thread.id}/moderate`, { locked: true })).status).toBe(200);
    expect(await f.agora.storage.threads.findById(f.courseId, thread.id)).toMatchObject({ pinned: true, locked: true });
  });

  it('gives a champion nothing else staff can do', async () => {
    const named = await postThread(f.ada, f.courseId, { title: 'Ordinary', body: 'x', kind: 'question' });
    const answer = await postReply(f.cy, f.courseId, named.id, { body: 'an answer' });
    const shy = await postThread(f.ada, f.courseId, { title: 'Shy', body: 'x', anonymity: 'peers' });
    const room = `/c/${f.courseId}/discussion`;
    const refused = [
      await act(f.bo, f.courseId, `${room}/posts/thread/${named.id}/hide`, { hidden: true }),
      await act(f.bo, f.courseId, `${room}/replies/${answer.id}/endorse`, { endorsed: true }),
      await act(f.bo, f.courseId, `${room}/posts/thread/${named.id}/delete`),
      await act(f.bo, f.courseId, `${room}/settings`, { anonymity: 'named', postingPolicy: '' }),
      await act(f.bo, f.courseId, `${room}/tags`, { name: 'Mine' }),
      await act(f.bo, f.courseId, `/c/${f.courseId}/care/settings`, { answerTargetHours: 1, quietDays: 1, retentionDays: 1 }),
      await act(f.bo, f.courseId, champions(), { personId: await personIdOf(f, 'cy') }),
      await act(f.bo, f.courseId, `/c/${f.courseId}/care/unanswered/${named.id}/route`, { personIds: [await personIdOf(f, 'cy')] }),
    ];
    for (const response of refused) expect(response.status).toBe(403);
    for (const path of [`${room}/moderation`, `/c/${f.courseId}/care/insights`, `/c/${f.courseId}/care/unanswered`, `/c/${f.courseId}/care/export/discussion.json`, `${room}/posts/thread/${named.id}/history`]) {
      expect((await f.bo.get(path).set('Accept', 'application/json')).status).toBe(403);
    }
    // Anonymous authors stay anonymous to a champion.
    const shyPage = await f.bo.get(threadPath(f.courseId, shy.id));
    expect(shyPage.text).not.toContain('Ada Lovelace');
    expect((await f.bo.get(`/api/courses/${f.courseId}/threads/${shy.id}`)).body.data.thread.author.anonymous).toBe(true);
  });

  it('shows a champion\'s badge beside their name, never on their anonymous posts', async () => {
    const named = await postThread(f.bo, f.courseId, { title: 'By a champion', body: 'x' });
    const hidden = await postThread(f.bo, f.courseId, { title: 'By someone', body: 'x', anonymity: 'peers' });
    const asAda = await f.ada.get(`/api/courses/${f.courseId}/threads/${named.id}`);
    expect(asAda.body.data.thread.author).toMatchObject({ name: 'Bo Diddley', champion: true });
    expect((await f.ada.get(threadPath(f.courseId, named.id))).text).toContain('Community champion');
    const anonymous = await f.ada.get(threadPath(f.courseId, hidden.id));
    expect(anonymous.text).not.toContain('Community champion');
    expect((await f.ada.get(`/api/courses/${f.courseId}/threads/${hidden.id}`)).body.data.thread.author.champion).toBe(false);
  });

  it('chooses champions among learners only, and takes the rights back with the badge', async () => {
    expect((await act(f.grace, f.courseId, champions(), { personId: await personIdOf(f, 'grace') })).body.error.code).toBe('ALREADY_STAFF');
    expect((await act(f.grace, f.courseId, champions(), { personId: await personIdOf(f, 'eve', f.otherCourseId) })).body.error.code).toBe('NOT_A_MEMBER');
    const list = await f.grace.get(champions());
    expect(list.text).toContain('Bo Diddley');
    expect((await act(f.grace, f.courseId, `${champions()}/${boId}/remove`)).body.data).toEqual({ removed: true });
    const thread = await postThread(f.ada, f.courseId, { title: 'No more pins', body: 'x' });
    expect((await act(f.bo, f.courseId, `/c/${f.courseId}/discussion/threads/${thread.id}/moderate`, { pinned: true })).status).toBe(403);
    expect((await f.bo.get(threadPath(f.courseId, thread.id))).text).not.toContain('>Pin<');
  });

  it('shows who knows what by tag from staff endorsements, counting anonymous answers only where that unmasks no one', async () => {
    const optics = await createTag(f, 'Optics');
    const question = await postThread(f.grace, f.courseId, { title: 'Why is the sky blue?', body: '?', kind: 'question', tagIds: [optics] });
    await endorse(f, (await postReply(f.ada, f.courseId, question.id, { body: 'Rayleigh scattering' })).id);
    await endorse(f, (await postReply(f.bo, f.courseId, question.id, { body: 'Short wavelengths scatter', anonymity: 'peers' })).id);
    await endorse(f, (await postReply(f.cy, f.courseId, question.id, { body: 'Secret knowledge', anonymity: 'everyone' })).id);

    const asLearner = (await f.ada.get(`/c/${f.courseId}/expertise`).set('Accept', 'application/json')).body.data;
    const asStaff = (await f.grace.get(`/c/${f.courseId}/expertise`).set('Accept', 'application/json')).body.data;
    const namesUnder = (data: { tags: Array<{ tag: string; people: Array<{ name: string }> }> }) => data.tags.find((t) => t.tag === 'Optics')!.people.map((p) => p.name).sort();
    expect(namesUnder(asLearner)).toEqual(['Ada Lovelace']);
    expect(namesUnder(asStaff)).toEqual(['Ada Lovelace', 'Bo Diddley']);
    expect(JSON.stringify(asStaff)).not.toContain('Cy Young');

    const card = await f.ada.get(`/c/${f.courseId}/expertise/${await personIdOf(f, 'ada')}`);
    expect(card.status).toBe(200);
    expect(card.text).toContain('Endorsed answers by tag');
    expect(card.text).toMatch(/<span class="tag">Optics<\/span> 1/);
    const cyCard = (await f.grace.get(`/c/${f.courseId}/expertise/${await personIdOf(f, 'cy')}`).set('Accept', 'application/json')).body.data;
    expect(cyCard).toMatchObject({ name: 'Cy Young', total: 0, tags: [] });
  });
});
