import { cookieHeader } from '../support/launch';
import { connectSocket, connected, joinCourse, nextEvent } from '../support/socket';
import {
  ADA, AUTUMN, BO, CLEO, createCommunity, GRACE, post, spaceCourseOf, SPRING, startAlumniFixture, type AlumniFixture,
} from './support';

/** The people directory and its privacy rules: opt-in profiles, search, profile pages, leaving as a "Former member". */
describe('the people directory', () => {
  let f: AlumniFixture;
  let grace: ReturnType<AlumniFixture['browser']>;
  let ada: ReturnType<AlumniFixture['browser']>;
  let bo: ReturnType<AlumniFixture['browser']>;
  let cleo: ReturnType<AlumniFixture['browser']>;
  let communityId: string;
  let space: string;
  let adaId: string;

  const profile = (browser: typeof ada, fields: Record<string, unknown>) => post(browser, `/alumni/${communityId}/profile`, fields, `/alumni/${communityId}`);

  beforeAll(async () => {
    f = await startAlumniFixture();
    [grace, ada, bo, cleo] = [f.browser(), f.browser(), f.browser(), f.browser()];
    const spring = await f.launch(grace, GRACE, SPRING);
    await f.launch(ada, ADA, SPRING);
    await f.launch(bo, BO, SPRING);
    communityId = await createCommunity(grace, spring);
    await post(grace, `/c/${spring}/alumni/graduate`, {}, `/c/${spring}/alumni`);
    const autumn = await f.launch(grace, GRACE, AUTUMN);
    await post(grace, `/c/${autumn}/alumni/join`, { communityId }, `/c/${autumn}/alumni`);
    await f.launch(cleo, CLEO, AUTUMN);
    space = await spaceCourseOf(f.agora, communityId);
    const people = await f.agora.storage.memberships.listByCourse(spring);
    const persons = await f.agora.storage.people.findByIds(people.map((m) => m.personId));
    adaId = persons.find((p) => p.name === ADA.name)!.id;
  });
  afterAll(() => f.close());

  it('keeps profiles off until their owner turns them on: nobody appears, the page does not exist for others', async () => {
    const saved = await profile(ada, { displayName: 'Ada L.', bio: 'Lab analyst', tags: 'Statistics, lab work', happyToBeAsked: true });
    expect(saved.status).toBe(200);
    const people = await bo.get(`/alumni/${communityId}/people`);
    expect(people.text).toContain('data-no-people');
    expect(people.text).not.toContain('Ada L.');
    expect((await bo.get(`/alumni/${communityId}/people/${adaId}`).set('Accept', 'application/json')).status).toBe(404);
    const own = await ada.get(`/alumni/${communityId}/people/${adaId}`);
    expect(own.status).toBe(200);
    expect(own.text).toContain('Your profile is off');
  });

  it('lists a visible profile with what its owner chose, and finds it by name or expertise', async () => {
    await profile(ada, { visible: true, displayName: 'Ada L.', bio: 'Lab analyst', tags: 'Statistics, lab work', happyToBeAsked: true });
    const all = await cleo.get(`/alumni/${communityId}/people`);
    expect(all.text).toContain('Ada L.');
    expect(all.text).toContain('BIO101 · Spring 2026');
    expect(all.text).toContain('Happy to be asked');
    // Nothing beyond the profile: not the LMS name, not the email.
    expect(all.text).not.toContain('Ada Lovelace');
    expect(all.text).not.toContain('ada@uni.example');
    expect((await cleo.get(`/alumni/${communityId}/people?q=ada`)).text).toContain('Ada L.');
    expect((await cleo.get(`/alumni/${communityId}/people?q=statis`)).text).toContain('Ada L.');
    expect((await cleo.get(`/alumni/${communityId}/people?tag=Statistics`)).text).toContain('Ada L.');
    const none = await cleo.get(`/alumni/${communityId}/people?q=chemistry`);
    expect(none.text).toContain('Nobody with a visible profile matches');
  });

  it('suggests for @-mentions, and shows as here now, only people whose profile is on, by its name', async () => {
    const members = await cleo.get(`/api/courses/${space}/members`);
    expect(members.body.data.members).toEqual([{ handle: 'ada.lovelace', name: 'Ada L.' }]);
    const boSocket = connectSocket(f.agora.url, cookieHeader(bo, f.agora.url));
    const adaSocket = connectSocket(f.agora.url, cookieHeader(ada, f.agora.url));
    try {
      await Promise.all([connected(boSocket), connected(adaSocket)]);
      await joinCourse(boSocket, space);
      const joined = await joinCourse<{ people: Array<{ name: string }> }>(adaSocket, space);
      expect(joined.data.people.map((p) => p.name)).toEqual(['Ada L.']);
    } finally {
      boSocket.close();
      adaSocket.close();
    }
  });

  it('shows the owner a profile form that says what others will see, with email sign-in', async () => {
    const form = await ada.get(`/alumni/${communityId}/profile`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('<label for="profile-name">Display name</label>');
    expect(form.text).toContain('value="Ada L."');
    expect(form.text).toContain('Sign in by email');
    expect(form.text).toContain('ada@uni.example');
  });

  it('keeps the directory to alumni: a current learner has no profile to make', async () => {
    const refused = await profile(cleo, { visible: true, displayName: 'Cleo' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('NOT_ALUMNI');
  });

  it('lists endorsed answers on the profile page, never anonymous ones', async () => {
    await post(grace, `/alumni/${communityId}/settings`, { learnerAccess: 'post' }, `/alumni/${communityId}`);
    const question = await post(cleo, `/c/${space}/discussion/threads`, { title: 'How to run a t-test?', body: 'Help', kind: 'question' }, `/alumni/${communityId}`);
    const threadId = question.body.data.thread.id as string;
    const named = await post(ada, `/c/${space}/discussion/threads/${threadId}/replies`, { body: 'Use Welch.' }, `/alumni/${communityId}`);
    const anonymous = await post(ada, `/c/${space}/discussion/threads/${threadId}/replies`, { body: 'Check variances.', anonymity: 'peers' }, `/alumni/${communityId}`);
    for (const reply of [named, anonymous]) {
      expect((await post(grace, `/c/${space}/discussion/replies/${reply.body.data.reply.id}/endorse`, { endorsed: true }, `/alumni/${communityId}`)).status).toBe(200);
    }
    const page = await cleo.get(`/alumni/${communityId}/people/${adaId}`);
    expect(page.text).toContain('How to run a t-test?');
    expect(page.text.match(/#reply-/g)).toHaveLength(1);
    expect(page.text).toContain(`#reply-${named.body.data.reply.id}`);
    expect(page.text).toContain('No hotseats hosted here yet.');
  });

  it('lists the published hotseats a person hosted in the community, not drafts', async () => {
    const now = new Date();
    const hotseat = (id: string, title: string, publishedAt: Date | null) => ({
      id, courseId: space, title, descriptionSource: '', descriptionHtml: '', createdBy: adaId, publishedAt, opensAt: now, startsAt: now,
      endsAt: new Date(now.getTime() + 3_600_000), phase: 'live' as const, premoderation: false, convertOnClose: false, answeringQuestionId: null,
      createdAt: now, updatedAt: now,
    });
    for (const [id, title, published] of [['hs-pub', 'Ask an alumna', now], ['hs-draft', 'Secret draft', null]] as const) {
      await f.agora.storage.hotseats.create(hotseat(id, title, published));
      await f.agora.storage.hotseatHosts.add({ hotseatId: id, courseId: space, personId: adaId, kind: 'staff', bio: null, addedAt: now });
    }
    const page = await cleo.get(`/alumni/${communityId}/people/${adaId}`);
    expect(page.text).toContain('Ask an alumna');
    expect(page.text).toContain(`/c/${space}/hotseats/hs-pub`);
    expect(page.text).not.toContain('Secret draft');
  });

  it('lets the owner turn the profile off again, and delete it', async () => {
    await profile(ada, { visible: false, displayName: 'Ada L.' });
    expect((await cleo.get(`/alumni/${communityId}/people`)).text).not.toContain('Ada L.');
    await profile(ada, { visible: true, displayName: 'Ada L.' });
    const deleted = await post(ada, `/alumni/${communityId}/profile/delete`, {}, `/alumni/${communityId}`);
    expect(deleted.status).toBe(200);
    expect(await f.agora.storage.alumniProfiles.find(communityId, adaId)).toBeNull();
    expect((await cleo.get(`/alumni/${communityId}/people`)).text).not.toContain('Ada L.');
  });

  it('shows someone who left as "Former member" everywhere (pages, JSON, live updates), and closes the space to them', async () => {
    const thread = await post(ada, `/c/${space}/discussion/threads`, { title: 'Leaving soon', body: 'Bye' }, `/alumni/${communityId}`);
    const threadId = thread.body.data.thread.id as string;
    await profile(ada, { visible: true, displayName: 'Ada L.' });
    const socket = connectSocket(f.agora.url, cookieHeader(grace, f.agora.url));
    try {
      await connected(socket);
      await joinCourse(socket, space);
      const left = await post(ada, `/alumni/${communityId}/leave`, {}, `/alumni/${communityId}`);
      expect(left.status).toBe(200);

      const live = nextEvent<{ thread: { id: string }; threadItemHtml: string }>(socket, 'course:event', 5000, (e) => e.thread?.id === threadId);
      await post(bo, `/c/${space}/discussion/threads/${threadId}/replies`, { body: 'Farewell!' }, `/alumni/${communityId}`);
      expect((await live).threadItemHtml).toContain('Former member');
      expect((await live).threadItemHtml).not.toContain('Ada Lovelace');
    } finally {
      socket.close();
    }
    const page = await bo.get(`/c/${space}/discussion/threads/${threadId}`);
    expect(page.text).toContain('Former member');
    expect(page.text).not.toContain('Ada Lovelace');
    const json = await bo.get(`/api/courses/${space}/threads/${threadId}`);
    expect(json.body.data.thread.author.name).toBe('Former member');
    expect((await bo.get(`/alumni/${communityId}/people`)).text).not.toContain('Ada L.');
    const members = await bo.get(`/api/courses/${space}/members?q=ada`);
    expect(members.body.data.members).toEqual([]);
    const closed = await ada.get(`/alumni/${communityId}`).set('Accept', 'application/json');
    expect(closed.status).toBe(403);
    expect(closed.body.error.code).toBe('LEFT_COMMUNITY');
  });

  it('does not let staff "leave" the community their LMS role puts them in', async () => {
    const refused = await post(grace, `/alumni/${communityId}/leave`, {}, `/alumni/${communityId}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('STAFF_CANNOT_LEAVE');
  });
});
