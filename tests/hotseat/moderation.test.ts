import { startCourseFixture, type CourseFixture } from '../support/course-fixture';
import { act } from '../support/room';
import { launchLearner, liveHotseat, moderate, openHotseat, vote } from './people';
import { askOk, hotseatAct, hotseatPath, TestClock, view, type HotseatJson, type QuestionJson } from './support';

/** Pre-moderation, declining with a reason, hiding, the host console's lists, answers and follow-ups. */
describe('hotseat moderation and the host console', () => {
  let f: CourseFixture;
  const clock = new TestClock();

  beforeAll(async () => {
    f = await startCourseFixture({ now: clock.now });
  });
  afterAll(() => f.close());

  const ids = (list: Array<{ id: string }>) => list.map((q) => q.id);

  test('with pre-moderation, a new question waits in the hosts\' queue and classmates do not see it anywhere', async () => {
    const id = await openHotseat(f, clock, { premoderation: true });
    const questionId = await askOk(f.ada, f.courseId, id, 'A question awaiting approval');
    expect((await view(f.grace, f.courseId, id)).pending.map((q) => q.id)).toEqual([questionId]);
    const asAda = await view(f.ada, f.courseId, id);
    expect(asAda.mine[0]).toMatchObject({ id: questionId, status: 'pending' });
    expect(asAda.open).toEqual([]);
    const asBo = await f.bo.get(hotseatPath(f.courseId, id)).set('Accept', 'application/json');
    expect(JSON.stringify(asBo.body)).not.toContain(questionId);
    const boPage = await f.bo.get(hotseatPath(f.courseId, id));
    expect(boPage.text).not.toContain('awaiting approval');
    expect(boPage.text).not.toContain(questionId);
  });

  test('classmates cannot reach a waiting question by its id, to vote on it or follow it up', async () => {
    const id = await openHotseat(f, clock, { premoderation: true });
    const questionId = await askOk(f.ada, f.courseId, id, 'Still waiting');
    const voted = await vote(f.bo, f.courseId, id, questionId);
    expect(voted.status).toBe(404);
    const followUp = await hotseatAct(f.bo, f.courseId, id, `/questions/${questionId}/follow-ups`, { body: 'Me too' });
    expect(followUp.status).toBe(404);
  });

  test('a host approves a waiting question and everyone sees it', async () => {
    const id = await openHotseat(f, clock, { premoderation: true });
    const questionId = await askOk(f.ada, f.courseId, id, 'Approve me');
    expect((await moderate(f.grace, f.courseId, id, questionId, { action: 'approve' })).body.data.status).toBe('open');
    expect(ids((await view(f.bo, f.courseId, id)).open)).toEqual([questionId]);
    expect((await view(f.grace, f.courseId, id)).pending).toEqual([]);
  });

  test('staff questions skip the queue', async () => {
    const id = await openHotseat(f, clock, { premoderation: true });
    const questionId = await askOk(f.grace, f.courseId, id, 'Staff kick-off question');
    expect(ids((await view(f.bo, f.courseId, id)).open)).toEqual([questionId]);
  });

  test('a declined question shows its reason to its asker only', async () => {
    const id = await openHotseat(f, clock, { premoderation: true });
    const questionId = await askOk(f.ada, f.courseId, id, 'Off-topic rant');
    const declined = await moderate(f.grace, f.courseId, id, questionId, { action: 'decline', reason: 'Please keep to chapter 3' });
    expect(declined.body.data.status).toBe('declined');
    const asAda = await view(f.ada, f.courseId, id);
    expect(asAda.mine[0]).toMatchObject({ id: questionId, status: 'declined', declineReason: 'Please keep to chapter 3' });
    expect((await f.ada.get(hotseatPath(f.courseId, id))).text).toContain('Please keep to chapter 3');
    for (const path of [hotseatPath(f.courseId, id)]) {
      const html = await f.bo.get(path);
      const json = await f.bo.get(path).set('Accept', 'application/json');
      for (const text of [html.text, JSON.stringify(json.body)]) {
        expect(text).not.toContain('chapter 3');
        expect(text).not.toContain('Off-topic rant');
      }
    }
  });

  test('declining without a reason is refused with a sentence', async () => {
    const id = await openHotseat(f, clock, { premoderation: true });
    const questionId = await askOk(f.ada, f.courseId, id, 'Decline me silently');
    const refused = await moderate(f.grace, f.courseId, id, questionId, { action: 'decline', reason: '  ' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/Tell the asker why/);
    expect((await f.agora.storage.hotseatQuestions.findById(f.courseId, questionId))!.status).toBe('pending');
  });

  test('with pre-moderation, an approved question that its asker rewords waits for approval again', async () => {
    const id = await openHotseat(f, clock, { premoderation: true });
    const questionId = await askOk(f.ada, f.courseId, id, 'An innocent question');
    await moderate(f.grace, f.courseId, id, questionId, { action: 'approve' });
    const edited = await hotseatAct(f.ada, f.courseId, id, `/questions/${questionId}/edit`, { body: 'Something the host never approved' });
    expect(edited.status).toBe(200);
    const boPage = await f.bo.get(hotseatPath(f.courseId, id));
    expect(boPage.text).not.toContain('never approved');
    expect(ids((await view(f.grace, f.courseId, id)).pending)).toEqual([questionId]);
  });

  test('a hidden question disappears for classmates, stays visible to hosts and its asker, and can be shown again', async () => {
    const id = await openHotseat(f, clock);
    const questionId = await askOk(f.ada, f.courseId, id, 'Borderline question');
    expect((await moderate(f.grace, f.courseId, id, questionId, { action: 'hide' })).body.data.hidden).toBe(true);
    const asBo = await f.bo.get(hotseatPath(f.courseId, id)).set('Accept', 'application/json');
    expect(JSON.stringify(asBo.body)).not.toContain(questionId);
    const console = (await view(f.grace, f.courseId, id)) as HotseatJson & { hiddenQuestions: QuestionJson[] };
    expect(ids(console.hiddenQuestions)).toEqual([questionId]);
    expect(ids((await view(f.ada, f.courseId, id)).mine)).toEqual([questionId]);
    expect((await vote(f.bo, f.courseId, id, questionId)).status).toBe(404);
    await moderate(f.grace, f.courseId, id, questionId, { action: 'show' });
    expect(ids((await view(f.bo, f.courseId, id)).open)).toEqual([questionId]);
  });

  test('the host dismisses a question (it leaves the ranking for the dismissed filter) and can reopen it', async () => {
    const id = await openHotseat(f, clock);
    const questionId = await askOk(f.ada, f.courseId, id, 'Not for today');
    expect((await moderate(f.grace, f.courseId, id, questionId, { action: 'dismiss' })).body.data.status).toBe('dismissed');
    const console = await view(f.grace, f.courseId, id);
    expect(ids(console.dismissed)).toEqual([questionId]);
    expect(console.open).toEqual([]);
    expect((await view(f.bo, f.courseId, id)).open).toEqual([]);
    await moderate(f.grace, f.courseId, id, questionId, { action: 'reopen' });
    expect(ids((await view(f.bo, f.courseId, id)).open)).toEqual([questionId]);
  });

  test('"answering now" highlights one question for everyone, and answering it clears the highlight', async () => {
    const id = await liveHotseat(f, clock);
    const questionId = await askOk(f.ada, f.courseId, id, 'Spotlight me');
    expect((await hotseatAct(f.grace, f.courseId, id, '/answering', { questionId })).status).toBe(200);
    expect((await view(f.bo, f.courseId, id)).answering).toMatchObject({ id: questionId });
    const page = await f.bo.get(hotseatPath(f.courseId, id));
    expect(page.text).toMatch(new RegExp(`class="hs-question is-answering[^"]*" id="question-${questionId}"`));
    await moderate(f.grace, f.courseId, id, questionId, { action: 'answer', body: 'Done.' });
    expect((await view(f.bo, f.courseId, id)).answering).toBeNull();
  });

  test('the host answers in Markdown; the answer is rendered, and a script in it does not survive', async () => {
    const id = await liveHotseat(f, clock);
    const questionId = await askOk(f.ada, f.courseId, id, 'Show me formatting');
    const body = 'It is **bold**.\n\n<script>alert("x")</script><img src=x onerror="alert(1)">';
    expect((await moderate(f.grace, f.courseId, id, questionId, { action: 'answer', body })).status).toBe(200);
    const answered = (await view(f.bo, f.courseId, id)).answered[0]!;
    expect(answered).toMatchObject({ id: questionId, status: 'answered' });
    expect(answered.answerHtml).toContain('<strong>bold</strong>');
    const page = await f.bo.get(hotseatPath(f.courseId, id));
    for (const text of [answered.answerHtml!, page.text]) {
      // Escaped text is harmless; a tag that runs code is not.
      expect(text).not.toMatch(/<script>alert|<img[^>]*onerror/);
    }
  });

  test('an empty answer marks the question answered live, out loud', async () => {
    const id = await liveHotseat(f, clock);
    const questionId = await askOk(f.ada, f.courseId, id, 'Answer me out loud');
    await moderate(f.grace, f.courseId, id, questionId, { action: 'answer', body: '' });
    const answered = (await view(f.bo, f.courseId, id)).answered[0]!;
    expect(answered).toMatchObject({ status: 'answered', answerHtml: null });
    expect((await f.bo.get(hotseatPath(f.courseId, id))).text).toContain('Answered live during the session.');
  });

  test('a learner cannot answer, approve, dismiss or put a question in the spotlight', async () => {
    const id = await liveHotseat(f, clock);
    const questionId = await askOk(f.ada, f.courseId, id, 'Bo wants to answer this');
    for (const body of [{ action: 'answer', body: 'My answer' }, { action: 'dismiss' }, { action: 'hide' }]) {
      const refused = await moderate(f.bo, f.courseId, id, questionId, body);
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(/Only the hosts of this hotseat and course staff/);
    }
    expect((await hotseatAct(f.bo, f.courseId, id, '/answering', { questionId })).status).toBe(403);
    expect((await f.agora.storage.hotseatQuestions.findById(f.courseId, questionId))).toMatchObject({ status: 'open', hidden: false, answerHtml: null });
  });

  test('the asker, a classmate and the host add follow-ups under a question', async () => {
    const id = await liveHotseat(f, clock);
    const questionId = await askOk(f.ada, f.courseId, id, 'Follow me up');
    for (const [who, body] of [[f.ada, 'To clarify, I mean plants'], [f.bo, 'Same question for fungi'], [f.grace, 'Good point, see below']] as const) {
      expect((await hotseatAct(who, f.courseId, id, `/questions/${questionId}/follow-ups`, { body })).status).toBe(201);
    }
    const page = await f.bo.get(hotseatPath(f.courseId, id));
    const item = new RegExp(`<li class="hs-question[^"]*" id="question-${questionId}"[\\s\\S]*?</ol>`).exec(page.text)![0];
    expect(item.indexOf('To clarify')).toBeLessThan(item.indexOf('Same question for fungi'));
    expect(item.indexOf('Same question for fungi')).toBeLessThan(item.indexOf('Good point'));
    expect(item).toContain('Grace Hopper');
  });

  test('follow-ups are rate-limited per person like posts in the discussion room', async () => {
    const id = await liveHotseat(f, clock);
    const questionId = await askOk(f.ada, f.courseId, id, 'Flood target');
    for (let i = 1; i <= 10; i += 1) {
      expect((await hotseatAct(f.bo, f.courseId, id, `/questions/${questionId}/follow-ups`, { body: `Follow-up ${i}` })).status).toBe(201);
    }
    const eleventh = await hotseatAct(f.bo, f.courseId, id, `/questions/${questionId}/follow-ups`, { body: 'Follow-up 11' });
    expect(eleventh.status).toBe(429);
    expect(eleventh.body.error.message).toMatch(/at most 10 follow-ups a minute/);
    clock.advance(1.1);
    expect((await hotseatAct(f.bo, f.courseId, id, `/questions/${questionId}/follow-ups`, { body: 'Follow-up 11, later' })).status).toBe(201);
  });

  test('a learner accepts the course posting policy before a first follow-up, as before a first question', async () => {
    const id = await liveHotseat(f, clock);
    const questionId = await askOk(f.grace, f.courseId, id, 'Staff question');
    const newcomer = await launchLearner(f, 'newcomer', 'New Comer');
    const setPolicy = (postingPolicy: string) => act(f.grace, f.courseId, `/c/${f.courseId}/discussion/settings`, { anonymity: 'peers', postingPolicy });
    expect((await setPolicy('Be kind.')).status).toBe(200);
    try {
      const path = `/questions/${questionId}/follow-ups`;
      const refused = await hotseatAct(newcomer, f.courseId, id, path, { body: 'Without reading the policy' });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toMatch(/posting policy/);
      expect((await newcomer.get(hotseatPath(f.courseId, id))).text).toContain('name="acceptPolicy"');
      expect((await hotseatAct(newcomer, f.courseId, id, path, { body: 'Having read it', acceptPolicy: true })).status).toBe(201);
    } finally {
      await setPolicy('');
    }
  });

  test('no follow-ups under a hidden question', async () => {
    const id = await liveHotseat(f, clock);
    const questionId = await askOk(f.ada, f.courseId, id, 'Hidden soon');
    await moderate(f.grace, f.courseId, id, questionId, { action: 'hide' });
    const refused = await hotseatAct(f.ada, f.courseId, id, `/questions/${questionId}/follow-ups`, { body: 'Anyone?' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/visible questions/);
  });
});
