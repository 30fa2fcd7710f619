import { startCourseFixture, type CourseFixture } from '../support/course-fixture';
import type { Browser } from '../support/launch';
import { closeNow, launchLearner, moderate, openHotseat, personIds, vote } from './people';
import { ask, askOk, hotseatAct, hotseatPath, scheduleHotseat, TestClock, view } from './support';

/** Learners ask, edit, withdraw and vote; the ranking follows votes, then age; duplicates merge. */
describe('hotseat questions', () => {
  let f: CourseFixture;
  let cy: Browser;
  let ids: Record<string, string>;
  const clock = new TestClock();

  beforeAll(async () => {
    f = await startCourseFixture({ now: clock.now });
    cy = await launchLearner(f, 'cy', 'Cy Young');
    ids = await personIds(f);
  });
  afterAll(() => f.close());

  test('a learner asks a question that classmates see in the ranking and the asker finds under "my questions"', async () => {
    const id = await openHotseat(f, clock);
    const questionId = await askOk(f.ada, f.courseId, id, 'Why does **mitosis** need a spindle?');
    const asBo = await view(f.bo, f.courseId, id);
    expect(asBo.open.map((q) => q.id)).toEqual([questionId]);
    expect(asBo.open[0]!.bodyHtml).toContain('<strong>mitosis</strong>');
    expect(asBo.mine).toEqual([]);
    const asAda = await view(f.ada, f.courseId, id);
    expect(asAda.mine.map((q) => q.id)).toEqual([questionId]);
    expect(asAda.mine[0]!.author.isYou).toBe(true);
    const stored = await f.agora.storage.hotseatQuestions.findById(f.courseId, questionId);
    expect(stored!.authorId).toBe(ids['Ada Lovelace']);
  });

  test('the asker edits their question and then withdraws it; it disappears for everyone', async () => {
    const id = await openHotseat(f, clock);
    const questionId = await askOk(f.ada, f.courseId, id, 'First wording');
    const edited = await hotseatAct(f.ada, f.courseId, id, `/questions/${questionId}/edit`, { body: 'Better wording' });
    expect(edited.status).toBe(200);
    expect((await view(f.bo, f.courseId, id)).open[0]!.bodyHtml).toContain('Better wording');
    const withdrawn = await hotseatAct(f.ada, f.courseId, id, `/questions/${questionId}/withdraw`);
    expect(withdrawn.status).toBe(200);
    expect((await view(f.bo, f.courseId, id)).open).toEqual([]);
    expect((await view(f.ada, f.courseId, id)).mine).toEqual([]);
  });

  test('the edit form starts from the question as it stands, for its asker only', async () => {
    const id = await openHotseat(f, clock);
    const questionId = await askOk(f.ada, f.courseId, id, 'Wording to *improve*');
    const own = await f.ada.get(hotseatPath(f.courseId, id));
    expect(own.text).toMatch(new RegExp(`<textarea id="edit-${questionId}"[^>]*>Wording to \\*improve\\*</textarea>`));
    expect((await f.bo.get(hotseatPath(f.courseId, id))).text).not.toContain(`id="edit-${questionId}"`);
  });

  test('a classmate can neither edit nor withdraw someone else\'s question', async () => {
    const id = await openHotseat(f, clock);
    const questionId = await askOk(f.ada, f.courseId, id, 'Ada\'s own words');
    const edit = await hotseatAct(f.bo, f.courseId, id, `/questions/${questionId}/edit`, { body: 'Bo rewrites it' });
    expect(edit.status).toBe(403);
    expect(edit.body.error.message).toMatch(/only your own questions/);
    const withdraw = await hotseatAct(f.bo, f.courseId, id, `/questions/${questionId}/withdraw`);
    expect(withdraw.status).toBe(403);
    const stored = await f.agora.storage.hotseatQuestions.findById(f.courseId, questionId);
    expect(stored).toMatchObject({ bodySource: 'Ada\'s own words', status: 'open' });
  });

  test('once the host has answered it, the asker can no longer edit or withdraw the question', async () => {
    const id = await openHotseat(f, clock);
    const questionId = await askOk(f.ada, f.courseId, id, 'Answer me');
    expect((await moderate(f.grace, f.courseId, id, questionId, { action: 'answer', body: 'Here you go.' })).status).toBe(200);
    const edit = await hotseatAct(f.ada, f.courseId, id, `/questions/${questionId}/edit`, { body: 'Changed after the answer' });
    expect(edit.status).toBe(403);
    expect(edit.body.error.message).toMatch(/until the host has answered or dismissed/);
    expect((await hotseatAct(f.ada, f.courseId, id, `/questions/${questionId}/withdraw`)).status).toBe(403);
    expect((await f.agora.storage.hotseatQuestions.findById(f.courseId, questionId))!.status).toBe('answered');
  });

  test('each person has one vote per question, and voting again takes it back', async () => {
    const id = await openHotseat(f, clock);
    const questionId = await askOk(f.ada, f.courseId, id);
    const first = await vote(f.bo, f.courseId, id, questionId);
    expect(first.body.data).toMatchObject({ voted: true, voteCount: 1 });
    expect((await vote(f.ada, f.courseId, id, questionId)).body.data).toMatchObject({ voted: true, voteCount: 2 });
    const asBo = await view(f.bo, f.courseId, id);
    expect(asBo.open[0]).toMatchObject({ voteCount: 2, voted: true });
    expect((await vote(f.bo, f.courseId, id, questionId)).body.data).toMatchObject({ voted: false, voteCount: 1 });
    expect((await view(f.bo, f.courseId, id)).open[0]).toMatchObject({ voteCount: 1, voted: false });
  });

  test('the ranking puts the most votes first and, between equal votes, the older question first', async () => {
    const id = await openHotseat(f, clock);
    const oldest = await askOk(f.ada, f.courseId, id, 'Oldest, one vote');
    clock.advance(0.05);
    const popular = await askOk(f.bo, f.courseId, id, 'Newer, two votes');
    clock.advance(0.05);
    const newest = await askOk(cy, f.courseId, id, 'Newest, one vote');
    clock.advance(0.05);
    const quiet = await askOk(f.ada, f.courseId, id, 'No votes');
    await vote(f.bo, f.courseId, id, oldest);
    await vote(f.ada, f.courseId, id, popular);
    await vote(cy, f.courseId, id, popular);
    await vote(f.ada, f.courseId, id, newest);
    expect((await view(f.bo, f.courseId, id)).open.map((q) => q.id)).toEqual([popular, oldest, newest, quiet]);
  });

  test('a host merges a duplicate: the votes combine and someone who voted for both counts once', async () => {
    const id = await openHotseat(f, clock);
    const kept = await askOk(f.ada, f.courseId, id, 'How do enzymes work?');
    const duplicate = await askOk(f.bo, f.courseId, id, 'How do enzymes actually work?');
    await vote(f.ada, f.courseId, id, duplicate);
    await vote(cy, f.courseId, id, kept);
    await vote(cy, f.courseId, id, duplicate);
    await vote(f.bo, f.courseId, id, kept);
    const merged = await hotseatAct(f.grace, f.courseId, id, `/questions/${duplicate}/merge`, { intoId: kept });
    expect(merged.status).toBe(200);
    // Ada, Bo and Cy: three people, although Cy voted for both.
    expect(merged.body.data).toMatchObject({ id: kept, voteCount: 3 });
    const asAda = await view(f.ada, f.courseId, id);
    expect(asAda.open.map((q) => q.id)).toEqual([kept]);
    expect(asAda.open[0]).toMatchObject({ voteCount: 3, voted: true });
    expect((await f.agora.storage.hotseatQuestions.findById(f.courseId, duplicate))).toMatchObject({ status: 'merged', mergedIntoId: kept });
  });

  test('learners cannot merge questions', async () => {
    const id = await openHotseat(f, clock);
    const a = await askOk(f.ada, f.courseId, id, 'One');
    const b = await askOk(f.bo, f.courseId, id, 'Two');
    const refused = await hotseatAct(f.ada, f.courseId, id, `/questions/${b}/merge`, { intoId: a });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/Only the hosts of this hotseat and course staff/);
    expect((await f.agora.storage.hotseatQuestions.findById(f.courseId, b))!.status).toBe('open');
  });

  test('a person asking more than five questions in a minute is asked to wait, and may ask again a minute later', async () => {
    const id = await openHotseat(f, clock);
    for (let i = 1; i <= 5; i += 1) await askOk(cy, f.courseId, id, `Question number ${i}`);
    const sixth = await ask(cy, f.courseId, id, 'Question number 6');
    expect(sixth.status).toBe(429);
    expect(sixth.body.error.message).toMatch(/at most 5 questions a minute/);
    // Someone else is not slowed down by Cy.
    await askOk(f.bo, f.courseId, id, 'Bo asks meanwhile');
    clock.advance(1.1);
    await askOk(cy, f.courseId, id, 'Question number 6, later');
    expect((await view(cy, f.courseId, id)).mine).toHaveLength(6);
  });

  test('an empty question is refused with a sentence', async () => {
    const id = await openHotseat(f, clock);
    const empty = await ask(f.ada, f.courseId, id, '   ');
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toBe('Write your question first.');
  });

  test('questions to a draft are refused: staff are told it is a draft, learners cannot even find it', async () => {
    const id = await scheduleHotseat(f.grace, f.courseId, clock, { publish: false, opensAt: clock.inMinutes(-1) });
    const asStaff = await ask(f.grace, f.courseId, id, 'Testing the draft');
    expect(asStaff.status).toBe(403);
    expect(asStaff.body.error.message).toMatch(/still a draft/);
    const asLearner = await ask(f.ada, f.courseId, id, 'Sneaking in');
    expect(asLearner.status).toBe(404);
    expect(await f.agora.storage.hotseatQuestions.listByHotseat(id)).toEqual([]);
  });

  test('questions before the hotseat opens for questions are refused with when to come back', async () => {
    const id = await scheduleHotseat(f.grace, f.courseId, clock);
    const early = await ask(f.ada, f.courseId, id, 'Too early');
    expect(early.status).toBe(403);
    expect(early.body.error.message).toMatch(/not open yet/);
  });

  test('after the hotseat closes, new questions, edits and votes are refused with a clear message', async () => {
    const id = await openHotseat(f, clock);
    const questionId = await askOk(f.ada, f.courseId, id, 'Asked in time');
    expect((await closeNow(f, id)).status).toBe(200);
    const late = await ask(f.bo, f.courseId, id, 'Asked too late');
    expect(late.status).toBe(403);
    expect(late.body.error.message).toMatch(/has closed/);
    const lateVote = await vote(f.bo, f.courseId, id, questionId);
    expect(lateVote.status).toBe(403);
    expect(lateVote.body.error.message).toMatch(/has closed/);
    const lateEdit = await hotseatAct(f.ada, f.courseId, id, `/questions/${questionId}/edit`, { body: 'Too late to edit' });
    expect(lateEdit.status).toBe(403);
    const stored = await f.agora.storage.hotseatQuestions.findById(f.courseId, questionId);
    expect(stored).toMatchObject({ voteCount: 0, bodySource: 'Asked in time' });
  });

  test('the vote form on the page posts back to the hotseat and returns there', async () => {
    const id = await openHotseat(f, clock);
    const questionId = await askOk(f.ada, f.courseId, id, 'Vote by form');
    const page = await f.bo.get(hotseatPath(f.courseId, id));
    expect(page.text).toContain(`action="${hotseatPath(f.courseId, id)}/questions/${questionId}/vote"`);
    const csrf = /data-csrf="([^"]+)"/.exec(page.text)![1]!;
    const posted = await f.bo.post(`${hotseatPath(f.courseId, id)}/questions/${questionId}/vote`).type('form').send({ _csrf: csrf });
    expect(posted.status).toBe(303);
    expect(posted.headers.location).toBe(`${hotseatPath(f.courseId, id)}#question-${questionId}`);
    expect((await f.agora.storage.hotseatQuestions.findById(f.courseId, questionId))!.voteCount).toBe(1);
  });
});
