import { runAlumniJobs } from '../../src/commands/alumni/jobs';
import {
  ADA, AUTUMN, BO, CLEO, createCommunity, GRACE, post, spaceCourseOf, SPRING, startAlumniFixture, type AlumniFixture,
} from './support';

const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;

/** Prompts that keep a community alive (scheduled, posted once at their time, across restarts), the quiet indicator, and "Ask alumni". */
describe('prompts, the quiet indicator and Ask alumni', () => {
  let f: AlumniFixture;
  let grace: ReturnType<AlumniFixture['browser']>;
  let ada: ReturnType<AlumniFixture['browser']>;
  let bo: ReturnType<AlumniFixture['browser']>;
  let cleo: ReturnType<AlumniFixture['browser']>;
  let communityId: string;
  let space: string;
  let autumn: string;

  beforeEach(async () => {
    // Sessions outlive the weeks these tests move the clock by.
    f = await startAlumniFixture({ SESSION_TTL_HOURS: '720' });
    [grace, ada, bo, cleo] = [f.browser(), f.browser(), f.browser(), f.browser()];
    const spring = await f.launch(grace, GRACE, SPRING);
    await f.launch(ada, ADA, SPRING);
    await f.launch(bo, BO, SPRING);
    communityId = await createCommunity(grace, spring);
    await post(grace, `/c/${spring}/alumni/graduate`, {}, `/c/${spring}/alumni`);
    autumn = await f.launch(grace, GRACE, AUTUMN);
    await post(grace, `/c/${autumn}/alumni/join`, { communityId }, `/c/${autumn}/alumni`);
    await f.launch(cleo, CLEO, AUTUMN);
    space = await spaceCourseOf(f.agora, communityId);
  });
  afterEach(() => f.close());

  const schedule = (browser: typeof grace, fields: Record<string, unknown>) =>
    post(browser, `/alumni/${communityId}/prompts`, { title: 'What are you working on?', body: 'Tell us!', postAt: new Date(Date.now() + 10 * MINUTE).toISOString(), ...fields }, `/alumni/${communityId}`);
  const threadsIn = async (courseId: string) => (await f.agora.storage.threads.list(courseId, { sort: 'newest', limit: 50, includeHidden: true })).items;

  it('posts a prompt at its time, once, authored by whoever scheduled it', async () => {
    expect((await schedule(grace, {})).status).toBe(201);
    await runAlumniJobs(f.agora.ctx);
    expect(await threadsIn(space)).toHaveLength(0);
    f.clock.offsetMs = 11 * MINUTE;
    expect(await runAlumniJobs(f.agora.ctx)).toMatchObject({ prompts: 1 });
    expect(await runAlumniJobs(f.agora.ctx)).toMatchObject({ prompts: 0 });
    const threads = await threadsIn(space);
    expect(threads.map((t) => t.title)).toEqual(['What are you working on?']);
    const room = await ada.get(`/c/${space}/discussion`);
    expect(room.text).toContain('What are you working on?');
    expect(room.text).toContain('Grace Hopper');
  });

  it('posts exactly once even when two runs race and across a restart', async () => {
    await schedule(grace, {});
    f.clock.offsetMs = 11 * MINUTE;
    const [first, second] = await Promise.all([runAlumniJobs(f.agora.ctx), runAlumniJobs(f.agora.ctx)]);
    expect(first.prompts + second.prompts).toBe(1);
    await f.restart();
    f.clock.offsetMs = 12 * MINUTE;
    await runAlumniJobs(f.agora.ctx);
    expect(await threadsIn(space)).toHaveLength(1);
  });

  it('repeats a weekly prompt every week, skipping weeks missed while Agora was down', async () => {
    await schedule(grace, { repeatWeekly: true });
    f.clock.offsetMs = 11 * MINUTE;
    await runAlumniJobs(f.agora.ctx);
    f.clock.offsetMs = 7 * DAY + 11 * MINUTE;
    await runAlumniJobs(f.agora.ctx);
    expect(await threadsIn(space)).toHaveLength(2);
    f.clock.offsetMs = 30 * DAY;
    await runAlumniJobs(f.agora.ctx);
    expect(await threadsIn(space)).toHaveLength(3);
    const [prompt] = await f.agora.storage.prompts.listByCommunity(communityId);
    expect(prompt!.nextPostAt!.getTime()).toBeGreaterThan(f.now().getTime());
  });

  it('posts into a linked course room that the staff member teaches', async () => {
    const scheduled = await schedule(grace, { target: 'course', courseId: autumn, title: 'Reading for week 2' });
    expect(scheduled.status).toBe(201);
    f.clock.offsetMs = 11 * MINUTE;
    await runAlumniJobs(f.agora.ctx);
    expect((await threadsIn(autumn)).map((t) => t.title)).toEqual(['Reading for week 2']);
  });

  it('does not post a cancelled prompt', async () => {
    const scheduled = await schedule(grace, {});
    await post(grace, `/alumni/${communityId}/prompts/${scheduled.body.data.prompt.id}/cancel`, {}, `/alumni/${communityId}`);
    f.clock.offsetMs = 11 * MINUTE;
    await runAlumniJobs(f.agora.ctx);
    expect(await threadsIn(space)).toHaveLength(0);
  });

  it('lets designated mentors schedule prompts into the space, and nobody else but staff', async () => {
    const refused = await schedule(ada, {});
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('mentors');
    // Mentors are chosen from the directory: a visible profile first.
    await post(ada, `/alumni/${communityId}/profile`, { visible: true, displayName: 'Ada L.' }, `/alumni/${communityId}`);
    const [profile] = await f.agora.storage.alumniProfiles.listVisible(communityId);
    expect((await post(grace, `/alumni/${communityId}/mentors`, { personId: profile!.personId, mentor: true }, `/alumni/${communityId}`)).status).toBe(200);
    expect((await schedule(ada, {})).status).toBe(201);
    const course = await schedule(ada, { target: 'course', courseId: autumn });
    expect(course.status).toBe(403);
    expect(course.body.error.code).toBe('NOT_COURSE_STAFF');
  });

  it('refuses a prompt scheduled in the past', async () => {
    const refused = await schedule(grace, { postAt: new Date(Date.now() - DAY).toISOString() });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('PROMPT_TIME_PAST');
  });

  it('shows staff a quiet-community indicator until someone posts', async () => {
    const quiet = await grace.get(`/alumni/${communityId}`);
    expect(quiet.text).toContain('data-quiet');
    expect((await ada.get(`/alumni/${communityId}`)).text).not.toContain('data-quiet');
    await post(ada, `/c/${space}/discussion/threads`, { title: 'Hello', body: 'x' }, `/alumni/${communityId}`);
    expect((await grace.get(`/alumni/${communityId}`)).text).not.toContain('data-quiet');
    f.clock.offsetMs = 15 * DAY;
    try {
      expect((await grace.get(`/alumni/${communityId}`)).text).toContain('no posts in the last 14 days');
    } finally {
      f.clock.offsetMs = 0;
    }
  });

  it('notifies alumni who are happy to be asked and whose expertise matches; answers are endorsed like any Q&A', async () => {
    await post(ada, `/alumni/${communityId}/profile`, { visible: true, displayName: 'Ada L.', tags: 'statistics', happyToBeAsked: true }, `/alumni/${communityId}`);
    await post(bo, `/alumni/${communityId}/profile`, { visible: true, displayName: 'Bo D.', tags: 'chemistry', happyToBeAsked: true }, `/alumni/${communityId}`);
    const asked = await post(cleo, `/alumni/${communityId}/ask`, { title: 'Which test for two small samples?', body: 'Help', tags: 'Statistics' }, `/alumni/${communityId}`);
    expect(asked.status).toBe(201);
    expect(asked.body.data.notified).toBe(1);
    const threadId = asked.body.data.thread.id as string;
    const adaBell = await ada.get(`/c/${space}/notifications`);
    expect(adaBell.text).toContain('asked alumni a question that matches your expertise');
    expect(adaBell.text).toContain('Which test for two small samples?');
    expect((await bo.get(`/c/${space}/notifications`)).text).not.toContain('Which test for two small samples?');
    const spacePage = await ada.get(`/alumni/${communityId}`);
    expect(spacePage.text).toContain('data-questions');
    expect(spacePage.text).toContain('statistics');

    const answer = await post(ada, `/c/${space}/discussion/threads/${threadId}/replies`, { body: 'Mann-Whitney.' }, `/alumni/${communityId}`);
    const endorsed = await post(grace, `/c/${space}/discussion/replies/${answer.body.data.reply.id}/endorse`, { endorsed: true }, `/alumni/${communityId}`);
    expect(endorsed.status).toBe(200);
    const json = await cleo.get(`/api/courses/${space}/threads/${threadId}`);
    expect(json.body.data.thread).toMatchObject({ isQuestion: true, resolved: true });
  });

  it('lets a current learner ask alumni even where learners may only read', async () => {
    expect((await f.agora.storage.communities.findById(communityId))!.learnerAccess).toBe('read');
    const asked = await post(cleo, `/alumni/${communityId}/ask`, { title: 'Internships?', body: 'Any tips', tags: 'careers' }, `/alumni/${communityId}`);
    expect(asked.status).toBe(201);
    expect(asked.body.data.notified).toBe(0);
    const missing = await post(cleo, `/alumni/${communityId}/ask`, { title: 'No tags', body: 'x' }, `/alumni/${communityId}`);
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('ASK_TAGS_REQUIRED');
  });
});
