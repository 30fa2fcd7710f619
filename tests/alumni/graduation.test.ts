import { runAlumniJobs } from '../../src/commands/alumni/jobs';
import {
  ADA, AUTUMN, BO, createCommunity, GRACE, post, SPRING, startAlumniFixture, type AlumniFixture, type CourseSpec,
} from './support';

const HOUR = 3600 * 1000;

/** Learners become alumni when their course ends: by its end date (a scheduled job) or when staff graduate the cohort. */
describe('graduation', () => {
  let f: AlumniFixture;
  let grace: ReturnType<AlumniFixture['browser']>;
  let ada: ReturnType<AlumniFixture['browser']>;
  let bo: ReturnType<AlumniFixture['browser']>;

  beforeEach(async () => {
    f = await startAlumniFixture();
    grace = f.browser();
    ada = f.browser();
    bo = f.browser();
  });
  afterEach(() => f.close());

  async function springEndingIn(ms: number, key: 'course_end_at' | 'section_end_at' = 'course_end_at', format: 'iso' | 'epoch' = 'iso') {
    const end = new Date(Date.now() + ms);
    const value = format === 'iso' ? end.toISOString() : String(Math.floor(end.getTime() / 1000));
    const course: CourseSpec = { ...SPRING, custom: { ...SPRING.custom, [key]: value } };
    const courseId = await f.launch(grace, GRACE, course);
    await f.launch(ada, ADA, course);
    await f.launch(bo, BO, course);
    return { courseId, end };
  }

  it('graduates a linked course once its end date from the launch has passed, and not before', async () => {
    const { courseId } = await springEndingIn(HOUR);
    const communityId = await createCommunity(grace, courseId);
    expect(await runAlumniJobs(f.agora.ctx)).toMatchObject({ graduated: 0 });
    expect(await f.agora.storage.alumni.countByCourse(courseId)).toBe(0);

    f.clock.offsetMs = 2 * HOUR;
    expect(await runAlumniJobs(f.agora.ctx)).toMatchObject({ graduated: 1 });
    expect(await f.agora.storage.alumni.countByCourse(courseId)).toBe(2);
    const record = await f.agora.storage.alumniCourses.find(courseId);
    expect(record).toMatchObject({ graduatedBy: null, cohortLabel: 'BIO101 · Spring 2026' });
    const page = await ada.get(`/alumni/${communityId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Alumnus');
    // Staff are not alumni of the course they teach.
    expect((await grace.get(`/alumni/${communityId}`)).text).toContain('Community staff');
  });

  it('is idempotent: running again, or after a restart, graduates nobody twice', async () => {
    const { courseId } = await springEndingIn(HOUR);
    await createCommunity(grace, courseId);
    f.clock.offsetMs = 2 * HOUR;
    await runAlumniJobs(f.agora.ctx);
    const first = await f.agora.storage.alumniCourses.find(courseId);
    await f.restart();
    f.clock.offsetMs = 3 * HOUR;
    expect(await runAlumniJobs(f.agora.ctx)).toMatchObject({ graduated: 0 });
    expect(await f.agora.storage.alumni.countByCourse(courseId)).toBe(2);
    expect((await f.agora.storage.alumniCourses.find(courseId))!.graduatedAt).toEqual(first!.graduatedAt);
  });

  it('reads Moodle\'s section end date in epoch seconds', async () => {
    const { courseId, end } = await springEndingIn(HOUR, 'section_end_at', 'epoch');
    expect((await f.agora.storage.alumniCourses.find(courseId))!.endsAt!.getTime()).toBe(Math.floor(end.getTime() / 1000) * 1000);
  });

  it('ignores an end date the LMS could not resolve (its literal $Variable)', async () => {
    const course: CourseSpec = { ...SPRING, custom: { course_end_at: '$Canvas.course.endAt' } };
    const courseId = await f.launch(grace, GRACE, course);
    expect((await f.agora.storage.alumniCourses.find(courseId))!.endsAt).toBeNull();
  });

  it('does not graduate a course that is not linked to a community', async () => {
    const { courseId } = await springEndingIn(HOUR);
    f.clock.offsetMs = 2 * HOUR;
    expect(await runAlumniJobs(f.agora.ctx)).toMatchObject({ graduated: 0 });
    expect(await f.agora.storage.alumni.countByCourse(courseId)).toBe(0);
  });

  it('lets staff graduate the cohort now, once; a second press changes nothing', async () => {
    const courseId = await f.launch(grace, GRACE, SPRING);
    await f.launch(ada, ADA, SPRING);
    const communityId = await createCommunity(grace, courseId);
    const first = await post(grace, `/c/${courseId}/alumni/graduate`, {}, `/c/${courseId}/alumni`);
    expect(first.body.data).toMatchObject({ graduated: true, alumniAdded: 1 });
    const second = await post(grace, `/c/${courseId}/alumni/graduate`, {}, `/c/${courseId}/alumni`);
    expect(second.body.data).toMatchObject({ graduated: false, alumniAdded: 0 });
    expect(await f.agora.storage.alumni.countByCourse(courseId)).toBe(1);
    const page = await grace.get(`/c/${courseId}/alumni`);
    expect(page.text).toContain('data-graduated');
    expect(page.text).not.toContain('Graduate this cohort now');
    expect((await ada.get(`/alumni/${communityId}`)).text).toContain('Alumnus');
  });

  it('refuses graduation by a learner, and of an unlinked course', async () => {
    const courseId = await f.launch(grace, GRACE, SPRING);
    await f.launch(ada, ADA, SPRING);
    const unlinked = await post(grace, `/c/${courseId}/alumni/graduate`, {}, `/c/${courseId}/alumni`);
    expect(unlinked.status).toBe(400);
    expect(unlinked.body.error.code).toBe('NOT_LINKED');
    await createCommunity(grace, courseId);
    const learner = await post(ada, `/c/${courseId}/alumni/graduate`, {}, `/c/${courseId}/alumni`);
    expect(learner.status).toBe(403);
    expect(await f.agora.storage.alumni.countByCourse(courseId)).toBe(0);
  });

  it('makes a learner who first launches after graduation an alumnus of that cohort too', async () => {
    const courseId = await f.launch(grace, GRACE, SPRING);
    const communityId = await createCommunity(grace, courseId);
    await post(grace, `/c/${courseId}/alumni/graduate`, {}, `/c/${courseId}/alumni`);
    await f.launch(bo, BO, SPRING);
    expect(await f.agora.storage.alumni.countByCourse(courseId)).toBe(1);
    expect((await bo.get(`/alumni/${communityId}`)).status).toBe(200);
  });

  it('keeps each cohort\'s label on its alumni', async () => {
    const spring = await f.launch(grace, GRACE, SPRING);
    await f.launch(ada, ADA, SPRING);
    const communityId = await createCommunity(grace, spring);
    const autumn = await f.launch(grace, GRACE, AUTUMN);
    await f.launch(bo, BO, AUTUMN);
    await post(grace, `/c/${autumn}/alumni/join`, { communityId, cohortLabel: 'Autumn 2026' }, `/c/${autumn}/alumni`);
    await post(grace, `/c/${spring}/alumni/graduate`, {}, `/c/${spring}/alumni`);
    await post(grace, `/c/${autumn}/alumni/graduate`, {}, `/c/${autumn}/alumni`);
    const [adaId, boId] = await Promise.all([ADA, BO].map(async (p) => (await f.agora.storage.people.upsertByIdentity(
      { issuer: f.platform.issuer, subject: p.sub }, { id: 'unused', name: p.name, givenName: null, familyName: null, email: p.email ?? null, now: new Date() })).id));
    expect((await f.agora.storage.alumni.listForPerson(communityId, adaId!)).map((a) => a.cohortLabel)).toEqual(['BIO101 · Spring 2026']);
    expect((await f.agora.storage.alumni.listForPerson(communityId, boId!)).map((a) => a.cohortLabel)).toEqual(['Autumn 2026']);
  });
});
