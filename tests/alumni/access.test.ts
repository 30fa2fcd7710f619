import { cookieHeader, launch } from '../support/launch';
import { ROLE } from '../support/test-platform';
import { connectSocket, connected, joinCourse } from '../support/socket';
import {
  ADA, ALAN, AUTUMN, CHEMISTRY, CLEO, createCommunity, CUSTOM, EVE, GRACE, post, spaceCourseOf, SPRING, startAlumniFixture, type AlumniFixture,
} from './support';

/**
 * Who enters a community's space: alumni of any cohort (launching from any linked course), staff of
 * linked courses as its staff, current learners of linked courses as the community decides, nobody else.
 */
describe('access to the alumni space', () => {
  let f: AlumniFixture;
  let grace: ReturnType<AlumniFixture['browser']>;
  let alan: ReturnType<AlumniFixture['browser']>;
  let ada: ReturnType<AlumniFixture['browser']>;
  let cleo: ReturnType<AlumniFixture['browser']>;
  let eve: ReturnType<AlumniFixture['browser']>;
  let communityId: string;
  let space: string;
  let spring: string;

  beforeAll(async () => {
    f = await startAlumniFixture();
    [grace, alan, ada, cleo, eve] = [f.browser(), f.browser(), f.browser(), f.browser(), f.browser()];
    spring = await f.launch(grace, GRACE, SPRING);
    await f.launch(ada, ADA, SPRING);
    communityId = await createCommunity(grace, spring);
    await post(grace, `/c/${spring}/alumni/graduate`, {}, `/c/${spring}/alumni`);
    const autumn = await f.launch(alan, ALAN, AUTUMN);
    await post(alan, `/c/${autumn}/alumni/join`, { communityId }, `/c/${autumn}/alumni`);
    await f.launch(cleo, CLEO, AUTUMN);
    await f.launch(eve, EVE, CHEMISTRY);
    space = await spaceCourseOf(f.agora, communityId);
  });
  afterAll(() => f.close());

  const setAccess = (learnerAccess: string) => post(grace, `/alumni/${communityId}/settings`, { learnerAccess }, `/alumni/${communityId}`);

  it('lets an alumnus of the first cohort in, from the course they launched', async () => {
    const course = await ada.get(`/c/${spring}/alumni`);
    expect(course.text).toContain(`href="/alumni/${communityId}"`);
    const page = await ada.get(`/alumni/${communityId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Alumnus');
    const thread = await post(ada, `/c/${space}/discussion/threads`, { title: 'Where are you now?', body: 'I work in a lab.' }, `/alumni/${communityId}`);
    expect(thread.status).toBe(201);
  });

  it('makes staff of any linked course the community\'s staff', async () => {
    const page = await alan.get(`/alumni/${communityId}`);
    expect(page.text).toContain('Community staff');
    expect(page.text).toContain('Community settings');
  });

  it('lets current learners read but not post when the community says "read"', async () => {
    await setAccess('read');
    const page = await cleo.get(`/alumni/${communityId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Current learner');
    const room = await cleo.get(`/c/${space}/discussion`);
    expect(room.status).toBe(200);
    // No composer to be refused by: the page says why instead.
    expect(room.text).not.toContain(`action="/c/${space}/discussion/threads"`);
    expect(room.text).toContain('You can read this room but not post in it');
    const refused = await post(cleo, `/c/${space}/discussion/threads`, { title: 'Hi', body: 'x' }, `/alumni/${communityId}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('READ_ONLY');
    expect(refused.body.error.message).toContain('can read this alumni space but not post');
  });

  it('lets current learners post when the community says "post"', async () => {
    await setAccess('post');
    expect((await cleo.get(`/c/${space}/discussion`)).text).toContain(`action="/c/${space}/discussion/threads"`);
    const posted = await post(cleo, `/c/${space}/discussion/threads`, { title: 'Hello from autumn', body: 'x' }, `/alumni/${communityId}`);
    expect(posted.status).toBe(201);
  });

  it('keeps the space closed to current learners when the community says "hidden", with a reason', async () => {
    await setAccess('hidden');
    const page = await cleo.get(`/alumni/${communityId}`).set('Accept', 'application/json');
    expect(page.status).toBe(403);
    expect(page.body.error.code).toBe('COMMUNITY_CLOSED_TO_LEARNERS');
    expect((await cleo.get(`/c/${space}/discussion`)).status).toBe(403);
    // Alumni still get in.
    expect((await ada.get(`/alumni/${communityId}`)).status).toBe(200);
    await setAccess('read');
  });

  it('refuses people of unlinked courses, on pages, the room and its API', async () => {
    for (const path of [`/alumni/${communityId}`, `/c/${space}/discussion`, `/api/courses/${space}/threads`]) {
      const response = await eve.get(path).set('Accept', 'application/json');
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('NOT_IN_COMMUNITY');
    }
  });

  it('refuses changes to the community\'s settings by anyone but its staff', async () => {
    const refused = await post(ada, `/alumni/${communityId}/settings`, { learnerAccess: 'post' }, `/alumni/${communityId}`);
    expect(refused.status).toBe(403);
    expect((await f.agora.storage.communities.findById(communityId))!.learnerAccess).toBe('read');
  });

  it('answers the space course\'s home with the community page, its stable URL', async () => {
    const home = await ada.get(`/c/${space}`);
    expect(home.status).toBe(303);
    expect(home.headers.location).toBe(`/alumni/${communityId}`);
  });

  it('joins the space\'s live room over a socket for members, and refuses others', async () => {
    const adaSocket = connectSocket(f.agora.url, cookieHeader(ada, f.agora.url));
    const eveSocket = connectSocket(f.agora.url, cookieHeader(eve, f.agora.url));
    try {
      await Promise.all([connected(adaSocket), connected(eveSocket)]);
      expect(await joinCourse(adaSocket, space)).toMatchObject({ ok: true });
      expect(await joinCourse(eveSocket, space)).toMatchObject({ ok: false, error: { code: 'NOT_IN_COMMUNITY' } });
    } finally {
      adaSocket.close();
      eveSocket.close();
    }
  });

  it('opens the course\'s alumni page, with the way into the space, from a deep link to "alumni"', async () => {
    const claims = f.platform.claims({ sub: ADA.sub, name: ADA.name, roles: [ROLE.learner], contextId: SPRING.contextId, contextTitle: SPRING.title, extra: { [CUSTOM]: { agora_target: 'alumni' } } });
    const launched = await launch(ada, f.platform, f.agora.url, claims);
    expect(launched.headers.location).toBe(`/c/${spring}/alumni`);
    const page = await ada.get(launched.headers.location!);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`href="/alumni/${communityId}"`);
  });
});
