import { countRows } from '../support/db';
import {
  ADA, ALAN, AUTUMN, CHEMISTRY, createCommunity, GRACE, post, SPRING, startAlumniFixture, type AlumniFixture,
} from './support';

/** Staff link their courses to an alumni community: create, join from the list, by code, or as suggested by the course-copy history. */
describe('linking courses to an alumni community', () => {
  let f: AlumniFixture;
  let grace: ReturnType<AlumniFixture['browser']>;
  let alan: ReturnType<AlumniFixture['browser']>;
  let ada: ReturnType<AlumniFixture['browser']>;
  let spring: string;
  let autumn: string;
  let chemistry: string;

  beforeEach(async () => {
    f = await startAlumniFixture();
    grace = f.browser();
    alan = f.browser();
    ada = f.browser();
    spring = await f.launch(grace, GRACE, SPRING);
    await f.launch(ada, ADA, SPRING);
    autumn = await f.launch(alan, ALAN, AUTUMN);
    chemistry = await f.launch(alan, ALAN, CHEMISTRY);
  });
  afterEach(() => f.close());

  it('creates a community with the course as its first cohort, labelled from its title and term', async () => {
    const communityId = await createCommunity(grace, spring);
    const page = await grace.get(`/c/${spring}/alumni`);
    expect(page.text).toContain('Biology 101 alumni');
    expect(page.text).toContain('value="BIO101 · Spring 2026"');
    expect(page.text).toMatch(/data-join-code>[A-Z2-9]{4}-[A-Z2-9]{4}</);
    const home = await grace.get(`/c/${spring}`);
    expect(home.text).toContain('Biology 101 alumni');
    const space = await grace.get(`/alumni/${communityId}`);
    expect(space.status).toBe(200);
    expect(space.text).toContain('Community staff');
  });

  it('suggests the community of the course this one was copied from, and joins it in one step', async () => {
    const communityId = await createCommunity(grace, spring);
    const page = await alan.get(`/c/${autumn}/alumni`);
    expect(page.text).toContain('data-suggestion');
    expect(page.text).toContain('Suggested: Biology 101 alumni');
    expect(page.text).toContain('BIO101 · Spring 2026');
    const joined = await post(alan, `/c/${autumn}/alumni/join`, { communityId, cohortLabel: 'Autumn 2026' }, `/c/${autumn}/alumni`);
    expect(joined.status).toBe(200);
    expect(joined.body.data.community.id).toBe(communityId);
    const cohorts = await f.agora.storage.alumniCourses.listByCommunity(communityId);
    expect(cohorts.map((c) => c.cohortLabel)).toEqual(['BIO101 · Spring 2026', 'Autumn 2026']);
  });

  it('offers no suggestion for a course without a copy history', async () => {
    await createCommunity(grace, spring);
    const page = await alan.get(`/c/${chemistry}/alumni`);
    expect(page.text).not.toContain('data-suggestion');
  });

  it('joins by join code, whatever its case and dashes', async () => {
    const communityId = await createCommunity(grace, spring);
    const code = (await f.agora.storage.communities.findById(communityId))!.joinCode;
    const joined = await post(alan, `/c/${chemistry}/alumni/join`, { joinCode: code.replace('-', '').toLowerCase() }, `/c/${chemistry}/alumni`);
    expect(joined.status).toBe(200);
    expect((await f.agora.storage.alumniCourses.find(chemistry))!.communityId).toBe(communityId);
  });

  it('lists the communities the person also staffs, and joins one picked from the list', async () => {
    const communityId = await createCommunity(alan, chemistry, 'Science alumni');
    const page = await alan.get(`/c/${autumn}/alumni`);
    expect(page.text).toContain(`value="${communityId}"`);
    expect(page.text).toContain('Science alumni');
    const joined = await post(alan, `/c/${autumn}/alumni/join`, { communityId }, `/c/${autumn}/alumni`);
    expect(joined.status).toBe(200);
  });

  it('refuses a wrong join code clearly, with nothing changed', async () => {
    await createCommunity(grace, spring);
    const before = countRows(f.dataDir, ['alumni_courses', 'alumni_communities']);
    const refused = await post(alan, `/c/${chemistry}/alumni/join`, { joinCode: 'ZZZZ-ZZZZ' }, `/c/${chemistry}/alumni`);
    expect(refused.status).toBe(404);
    expect(refused.body.error).toMatchObject({ code: 'JOIN_CODE_UNKNOWN' });
    expect(refused.body.error.message).toContain('No alumni community has that join code');
    expect(countRows(f.dataDir, ['alumni_courses', 'alumni_communities'])).toEqual(before);
    expect((await f.agora.storage.alumniCourses.find(chemistry))?.communityId ?? null).toBeNull();
  });

  it('shows the refusal of a wrong code on the page itself, keeping what was typed', async () => {
    const token = (/data-csrf="([^"]+)"/.exec((await alan.get(`/c/${chemistry}/alumni`)).text))![1]!;
    const page = await alan.post(`/c/${chemistry}/alumni/join`).type('form').send({ _csrf: token, joinCode: 'WRONG-CODE' });
    expect(page.status).toBe(404);
    expect(page.text).toContain('role="alert"');
    expect(page.text).toContain('No alumni community has that join code');
    expect(page.text).toContain('value="WRONG-CODE"');
  });

  it('refuses to join from the list a community the person does not staff', async () => {
    const communityId = await createCommunity(grace, spring);
    const refused = await post(alan, `/c/${chemistry}/alumni/join`, { communityId }, `/c/${chemistry}/alumni`);
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe('COMMUNITY_NOT_OFFERED');
    expect((await f.agora.storage.alumniCourses.find(chemistry))?.communityId ?? null).toBeNull();
  });

  it('refuses to link a course the person does not staff, with nothing changed', async () => {
    const before = countRows(f.dataDir, ['alumni_communities', 'courses']);
    const refused = await post(ada, `/c/${spring}/alumni/create`, { name: 'Mine' }, `/c/${spring}/alumni`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('Only staff');
    expect(countRows(f.dataDir, ['alumni_communities', 'courses'])).toEqual(before);
    // Staff of another course are not staff here either.
    const foreign = await post(alan, `/c/${spring}/alumni/create`, { name: 'Mine' }, `/c/${chemistry}/alumni`);
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('NOT_A_MEMBER');
  });

  it('keeps a course in one community: a second link is refused', async () => {
    await createCommunity(grace, spring);
    const again = await post(grace, `/c/${spring}/alumni/create`, { name: 'Another' }, `/c/${spring}/alumni`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_LINKED');
    expect(countRows(f.dataDir, ['alumni_communities']).alumni_communities).toBe(1);
  });

  it('lets staff edit the cohort label', async () => {
    await createCommunity(grace, spring);
    const saved = await post(grace, `/c/${spring}/alumni/cohort`, { cohortLabel: '  Spring   2026 (morning) ' }, `/c/${spring}/alumni`);
    expect(saved.status).toBe(200);
    expect((await f.agora.storage.alumniCourses.find(spring))!.cohortLabel).toBe('Spring 2026 (morning)');
    const learner = await post(ada, `/c/${spring}/alumni/cohort`, { cohortLabel: 'Mine' }, `/c/${spring}/alumni`);
    expect(learner.status).toBe(403);
  });

  it('shows learners of an unlinked course what the alumni space will be', async () => {
    const page = await ada.get(`/c/${spring}/alumni`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('not part of an alumni community yet');
    expect(page.text).not.toContain('Create a community');
  });
});
