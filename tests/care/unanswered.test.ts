import type { Socket } from 'socket.io-client';
import { cookieHeader } from '../support/launch';
import { act, postReply, postThread, threadPath } from '../support/room';
import { connected, connectSocket, joinCourse, nextEvent } from '../support/socket';
import { allowAnonymity, createTag, endorse, HOUR, personIdOf, startCareFixture, type CareFixture } from './support';

/**
 * Unanswered questions get answers: staff's queue (what waits, for how long, what is past the
 * course's target) and routing a question to learners with endorsed answers on its topics.
 */
describe('the unanswered queue and routing', () => {
  let f: CareFixture;
  let genetics: string;
  let cells: string;
  const sockets: Socket[] = [];
  const queue = () => `/c/${f.courseId}/care/unanswered`;
  const suggestions = async (threadId: string) => (await f.grace.get(`${queue()}/${threadId}`).set('Accept', 'application/json')).body.data;

  beforeAll(async () => {
    f = await startCareFixture();
    await allowAnonymity(f, 'everyone');
    genetics = await createTag(f, 'Genetics');
    cells = await createTag(f, 'Cells');
    // Bo has two endorsed Genetics answers, Ada one in Cells; Cy's only endorsed answer is anonymous to everyone.
    const earlier = await postThread(f.grace, f.courseId, { title: 'Dominant alleles?', body: '?', kind: 'question', tagIds: [genetics] });
    const another = await postThread(f.grace, f.courseId, { title: 'Punnett squares?', body: '?', kind: 'question', tagIds: [genetics, cells] });
    const membranes = await postThread(f.grace, f.courseId, { title: 'Membranes?', body: '?', kind: 'question', tagIds: [cells] });
    await endorse(f, (await postReply(f.bo, f.courseId, earlier.id, { body: 'One copy suffices' })).id);
    await endorse(f, (await postReply(f.bo, f.courseId, another.id, { body: 'A grid of gametes' })).id);
    await endorse(f, (await postReply(f.ada, f.courseId, membranes.id, { body: 'Lipid bilayers' })).id);
    await endorse(f, (await postReply(f.cy, f.courseId, earlier.id, { body: 'Secretly right', anonymity: 'everyone' })).id);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  afterAll(() => f.close());

  it('lists waiting questions, the longest-waiting first, and marks those past the course\'s target', async () => {
    await act(f.grace, f.courseId, `/c/${f.courseId}/care/settings`, { answerTargetHours: 3, quietDays: 7, retentionDays: 90 });
    const old = await postThread(f.ada, f.courseId, { title: 'Why do cells divide?', body: '?', kind: 'question', tagIds: [cells] });
    f.advance(4 * HOUR);
    const fresh = await postThread(f.bo, f.courseId, { title: 'What is a codon?', body: '?', kind: 'question', tagIds: [genetics] });
    await postReply(f.cy, f.courseId, fresh.id, { body: 'A guess' });
    await postThread(f.bo, f.courseId, { title: 'Just chatting', body: 'hi' });

    const data = (await f.grace.get(queue()).set('Accept', 'application/json')).body.data;
    const titles = data.questions.map((q: { title: string }) => q.title);
    expect(titles.indexOf('Why do cells divide?')).toBeLessThan(titles.indexOf('What is a codon?'));
    expect(titles).not.toContain('Just chatting');
    expect(titles).not.toContain('Dominant alleles?');
    const overdue = data.questions.find((q: { id: string }) => q.id === old.id);
    expect(overdue).toMatchObject({ overdue: true, waited: '4 hours', tags: ['Cells'] });
    // A reply alone does not settle a question: it waits for an accepted or endorsed answer.
    expect(data.questions.find((q: { id: string }) => q.id === fresh.id)).toMatchObject({ overdue: false, answers: 1 });
    expect(data.targetHours).toBe(3);

    const page = await f.grace.get(queue());
    expect(page.status).toBe(200);
    expect(page.text).toContain('Past the target');
    expect(page.text).toMatch(/past the 3-hour target/);
  });

  it('is for staff only', async () => {
    for (const path of [queue(), `/c/${f.courseId}/care/insights`, `/c/${f.courseId}/care/champions`, `/c/${f.courseId}/care/export`]) {
      const response = await f.ada.get(path).set('Accept', 'application/json');
      expect(response.status).toBe(403);
    }
  });

  it('drops a question from the queue once an answer is accepted or endorsed', async () => {
    const question = await postThread(f.ada, f.courseId, { title: 'Settled soon', body: '?', kind: 'question' });
    const answer = await postReply(f.bo, f.courseId, question.id, { body: 'Here' });
    const ids = async () => (await f.grace.get(queue()).set('Accept', 'application/json')).body.data.questions.map((q: { id: string }) => q.id);
    expect(await ids()).toContain(question.id);
    await act(f.ada, f.courseId, `/c/${f.courseId}/discussion/threads/${question.id}/accept`, { replyId: answer.id });
    expect(await ids()).not.toContain(question.id);
  });

  it('suggests learners with endorsed answers under the question\'s tags, most first, never the asker, never through an answer anonymous to everyone', async () => {
    const question = await postThread(f.ada, f.courseId, { title: 'Genes and cells', body: '?', kind: 'question', tagIds: [genetics, cells] });
    const choice = await suggestions(question.id);
    expect(choice.suggestions.map((s: { name: string }) => s.name)).toEqual(['Bo Diddley']);
    expect(choice.suggestions[0]).toMatchObject({ answers: 2, alreadyAsked: false });
    expect(choice.suggestions[0].byTag).toEqual(expect.arrayContaining([{ tag: 'Genetics', answers: 2 }, { tag: 'Cells', answers: 1 }]));
    const page = await f.grace.get(`${queue()}/${question.id}`);
    expect(page.text).not.toContain('Cy Young');

    const byBo = await postThread(f.bo, f.courseId, { title: 'Cells again', body: '?', kind: 'question', tagIds: [cells] });
    expect((await suggestions(byBo.id)).suggestions.map((s: { name: string }) => s.name)).toEqual(['Ada Lovelace']);
  });

  it('notifies the people a question is routed to, once, live, and shows staff whom they asked', async () => {
    const question = await postThread(f.ada, f.courseId, { title: 'Who knows genetics?', body: '?', kind: 'question', tagIds: [genetics] });
    const bo = await personIdOf(f, 'bo');
    const socket = connectSocket(f.agora.url, cookieHeader(f.bo, f.agora.url));
    sockets.push(socket);
    await connected(socket);
    await joinCourse(socket, f.courseId);
    const bell = nextEvent<{ unread: number }>(socket, 'course:notifications');

    const first = await act(f.grace, f.courseId, `${queue()}/${question.id}/route`, { personIds: [bo] });
    expect(first.body.data).toEqual({ routed: [bo], alreadyAsked: [] });
    expect((await bell).unread).toBeGreaterThan(0);
    const notifications = await f.bo.get(`/c/${f.courseId}/notifications`);
    expect(notifications.text).toContain('Course staff think you can help answer a question');
    expect(notifications.text).toContain('Who knows genetics?');
    const unread = await f.agora.storage.notifications.countUnread(bo, f.courseId);

    const again = await act(f.grace, f.courseId, `${queue()}/${question.id}/route`, { personIds: [bo] });
    expect(again.body.data).toEqual({ routed: [], alreadyAsked: [bo] });
    expect(await f.agora.storage.notifications.countUnread(bo, f.courseId)).toBe(unread);
    expect((await suggestions(question.id)).suggestions[0]).toMatchObject({ name: 'Bo Diddley', alreadyAsked: true });
    const listed = (await f.grace.get(queue()).set('Accept', 'application/json')).body.data.questions.find((q: { id: string }) => q.id === question.id);
    expect(listed.routedTo).toEqual(['Bo Diddley']);
  });

  it('routes through the plain form too, and says whom it asked', async () => {
    const question = await postThread(f.ada, f.courseId, { title: 'Form routing', body: '?', kind: 'question', tagIds: [genetics] });
    const page = await f.grace.get(`${queue()}/${question.id}`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const bo = await personIdOf(f, 'bo');
    const posted = await f.grace.post(`${queue()}/${question.id}/route`).type('form').send({ _csrf: csrf, personIds: bo });
    expect(posted.status).toBe(303);
    const after = await f.grace.get(posted.headers.location!);
    expect(after.text).toContain('Asked 1 person to help with this question.');
  });

  it('refuses to route to the asker, to staff, or at a learner\'s request', async () => {
    const question = await postThread(f.ada, f.courseId, { title: 'Refusals', body: '?', kind: 'question' });
    const route = (who: typeof f.grace, personIds: string[]) => act(who, f.courseId, `${queue()}/${question.id}/route`, { personIds });
    expect((await route(f.grace, [await personIdOf(f, 'ada')])).body.error.code).toBe('ASKER_CHOSEN');
    expect((await route(f.grace, [await personIdOf(f, 'grace')])).body.error.code).toBe('NOT_A_LEARNER');
    expect((await route(f.grace, [await personIdOf(f, 'eve', f.otherCourseId)])).body.error.code).toBe('NOT_A_LEARNER');
    expect((await route(f.bo, [await personIdOf(f, 'cy')])).status).toBe(403);
    const discussion = await postThread(f.ada, f.courseId, { title: 'Not a question', body: 'x' });
    expect((await act(f.grace, f.courseId, `${queue()}/${discussion.id}/route`, { personIds: [await personIdOf(f, 'bo')] })).body.error.code).toBe('NOT_A_QUESTION');
    expect((await f.grace.get(threadPath(f.courseId, question.id))).status).toBe(200);
  });

  it('never gives away who asked a question anonymous to everyone: the asker is suggested like anyone, but not notified', async () => {
    const question = await postThread(f.bo, f.courseId, { title: 'Secret genetics', body: '?', kind: 'question', tagIds: [genetics], anonymity: 'everyone' });
    const choice = await suggestions(question.id);
    expect(choice.suggestions.map((s: { name: string }) => s.name)).toEqual(['Bo Diddley']);
    expect(JSON.stringify(choice.thread)).not.toContain('Bo Diddley');
    const bo = await personIdOf(f, 'bo');
    const before = await f.agora.storage.notifications.countUnread(bo, f.courseId);
    expect((await act(f.grace, f.courseId, `${queue()}/${question.id}/route`, { personIds: [bo] })).body.data.routed).toEqual([bo]);
    expect(await f.agora.storage.notifications.countUnread(bo, f.courseId)).toBe(before);
  });
});
