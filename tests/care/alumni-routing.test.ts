import { act, postThread, threadPath } from '../support/room';
import { startCommunityFixture, type CommunityFixture } from './community-support';

/**
 * Routing a question to alumni of the course's community: suggested from their endorsed answers
 * under tags of the same name in earlier runs, notified in the community's space, where the question
 * is posted for them (they cannot open the course), without its asker's name.
 */
describe('routing questions to alumni', () => {
  let c: CommunityFixture;
  let geneticsAutumn: string;
  const routePage = (threadId: string) => `/c/${c.autumn}/care/unanswered/${threadId}`;
  const suggestions = async (threadId: string) => (await c.grace.get(routePage(threadId)).set('Accept', 'application/json')).body.data;
  const route = (threadId: string, personIds: string[], who = c.grace) => act(who, c.autumn, `${routePage(threadId)}/route`, { personIds });

  beforeAll(async () => {
    c = await startCommunityFixture();
    // The same topic in the autumn run, spelled in lower case: tags join across runs by name.
    geneticsAutumn = await c.tag(c.autumn, 'genetics');
  });
  afterAll(() => c.f.close());

  it('suggests alumni with named, endorsed answers under a tag of the same name in an earlier run, marked as alumni', async () => {
    const question = await postThread(c.cleo, c.autumn, { title: 'Why do recessive traits skip generations?', body: 'Asked by Cleo', kind: 'question', tagIds: [geneticsAutumn] });
    const choice = await suggestions(question.id);
    expect(choice.suggestions).toEqual([expect.objectContaining({ personId: c.ids.ada, name: 'Ada Lovelace', answers: 1, alumnusCohorts: 'BIO101 · Spring 2026' })]);
    expect(choice.suggestions[0].byTag).toEqual([{ tag: 'genetics', answers: 1 }]);
    // Bo's endorsed answer was anonymous to classmates in spring: it never makes him a suggestion here.
    expect(JSON.stringify(choice)).not.toContain('Bo Diddley');
    expect(choice.alumni).toEqual({ community: 'Biology 101 alumni', threadUrl: null });
    const page = await c.grace.get(routePage(question.id));
    expect(page.text).toContain('data-alumnus');
    expect(page.text).toContain('Biology 101 alumni');
  });

  it('suggests no alumni for an untagged question: across runs only a shared topic says who might know', async () => {
    const question = await postThread(c.cleo, c.autumn, { title: 'Anything at all?', body: '?', kind: 'question' });
    expect((await suggestions(question.id)).suggestions).toEqual([]);
  });

  it('posts the question once in the alumni space without its asker, notifies only the alumni asked, and lets them answer there', async () => {
    const question = await postThread(c.cleo, c.autumn, { title: 'How is eye colour inherited?', body: 'I wonder about eyes.', kind: 'question', tagIds: [geneticsAutumn] });
    const before = await c.f.agora.storage.notifications.countUnread(c.ids.bo, c.space);
    const routed = await route(question.id, [c.ids.ada]);
    expect(routed.status).toBe(200);
    expect(routed.body.data).toEqual({ routed: [c.ids.ada], alreadyAsked: [] });

    const record = (await c.f.agora.storage.alumniRoutedQuestions.find(c.autumn, question.id))!;
    const spaceThread = (await c.f.agora.storage.threads.findById(c.space, record.spaceThreadId))!;
    expect(spaceThread).toMatchObject({ title: 'How is eye colour inherited?', kind: 'question', authorId: c.ids.grace });
    expect(spaceThread.bodySource).toContain('I wonder about eyes.');
    expect(spaceThread.bodySource).not.toContain('Cleo');

    // Ada hears of it in the community, and opens it there; the course itself stays closed to her.
    const notifications = await c.ada.get(`/c/${c.space}/notifications`);
    expect(notifications.text).toContain('How is eye colour inherited?');
    expect(notifications.text).toContain(threadPath(c.space, spaceThread.id));
    expect((await c.ada.get(threadPath(c.space, spaceThread.id))).status).toBe(200);
    expect((await c.ada.get(threadPath(c.autumn, question.id))).status).toBe(403);
    const answered = await act(c.ada, c.space, `/c/${c.space}/discussion/threads/${spaceThread.id}/replies`, { body: 'Several genes, mostly OCA2.' });
    expect(answered.status).toBe(201);
    // Nobody else in the community was told.
    expect(await c.f.agora.storage.notifications.countUnread(c.ids.bo, c.space)).toBe(before);

    // Staff see whom they asked, and where the alumni answer.
    const choice = await suggestions(question.id);
    expect(choice.suggestions[0]).toMatchObject({ name: 'Ada Lovelace', alreadyAsked: true });
    expect(choice.alumni.threadUrl).toBe(threadPath(c.space, spaceThread.id));
    expect((await c.grace.get(routePage(question.id))).text).toContain(`href="${threadPath(c.space, spaceThread.id)}"`);

    // Asking again changes nothing; asking another alumnus reuses the same space thread.
    expect((await route(question.id, [c.ids.ada])).body.data).toEqual({ routed: [], alreadyAsked: [c.ids.ada] });
    expect((await route(question.id, [c.ids.bo])).body.data.routed).toEqual([c.ids.bo]);
    expect((await c.f.agora.storage.threads.list(c.space, { sort: 'newest', limit: 50, includeHidden: false })).items.filter((t) => t.title === 'How is eye colour inherited?')).toHaveLength(1);
    expect(await c.f.agora.storage.notifications.countUnread(c.ids.bo, c.space)).toBe(before + 1);
  });

  it('keeps an anonymous asker anonymous in the space too', async () => {
    await act(c.grace, c.autumn, `/c/${c.autumn}/discussion/settings`, { anonymity: 'everyone', postingPolicy: '' });
    const question = await postThread(c.cleo, c.autumn, { title: 'A shy genetics question', body: 'Do genes skip?', kind: 'question', tagIds: [geneticsAutumn], anonymity: 'everyone' });
    await route(question.id, [c.ids.ada]);
    const record = (await c.f.agora.storage.alumniRoutedQuestions.find(c.autumn, question.id))!;
    const page = await c.ada.get(threadPath(c.space, record.spaceThreadId));
    expect(page.text).toContain('Do genes skip?');
    expect(page.text).not.toContain('Cleo Autumn');
  });

  it('routes, on the server, only to current learners and to alumni of the community who have not left it', async () => {
    const question = await postThread(c.cleo, c.autumn, { title: 'Who may be asked?', body: '?', kind: 'question', tagIds: [geneticsAutumn] });
    // Grace is staff of the course: never routed to, as learner or as alumnus.
    expect((await route(question.id, [c.ids.grace])).body.error.code).toBe('NOT_A_LEARNER');
    // Someone who is neither: a stranger to the community.
    const eve = c.f.browser();
    const chemistry = await c.f.launch(eve, { sub: 'eve', name: 'Eve Chemist' }, { contextId: 'chem', title: 'Chemistry' });
    const [eveId] = (await c.f.agora.storage.memberships.listByCourse(chemistry)).map((m) => m.personId);
    expect((await route(question.id, [eveId!])).body.error.code).toBe('NOT_A_LEARNER');
    // A learner cannot route at all.
    expect((await route(question.id, [c.ids.ada], c.cleo)).status).toBe(403);
    // An alumnus who left the community is no longer asked.
    await c.f.agora.storage.alumni.recordDeparture(c.communityId, c.ids.bo, c.f.now());
    expect((await route(question.id, [c.ids.bo])).body.error.code).toBe('NOT_A_LEARNER');
    expect((await suggestions(question.id)).suggestions.map((s: { name: string }) => s.name)).toEqual(['Ada Lovelace']);
  });
});
