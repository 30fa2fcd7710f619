import pino from 'pino';
import { startAgora, type Agora } from '../../src/agora';
import { loadConfig } from '../../src/config';
import { freePort, registerPlatform } from '../support/agora';
import { launchIntoCourse, newBrowser, type Browser } from '../support/launch';
import type { NrpsMember } from '../support/lti-platform-services';
import { ROLE, TestPlatform } from '../support/test-platform';
import { tempDir } from '../support/temp';

/**
 * Names and Role Provisioning against the test LMS: its token endpoint checks Agora's signed client
 * assertion, and its roster service pages with Link headers (two members a page here).
 */
const V2 = 'http://purl.imsglobal.org/vocab/lis/v2';
const HOUR = 3600 * 1000;

const member = (userId: string, name: string, roles: string[], status?: string): NrpsMember => ({ user_id: userId, name, roles, ...(status ? { status } : {}) });
const ROSTER: NrpsMember[] = [
  member('grace', 'Grace Hopper', [ROLE.instructor]),
  member('ada', 'Ada Lovelace', [ROLE.learner]),
  member('bob', 'Bob Noyce', [ROLE.learner]),
  member('cy', 'Cy Young', [`${V2}/membership/Instructor#TeachingAssistant`]),
  member('dora', 'Dora Inactive', [ROLE.learner], 'Inactive'),
];

describe('roster (Names and Role Provisioning)', () => {
  let agora: Agora;
  let platform: TestPlatform;
  let grace: Browser;
  let courseId: string;
  let clock: number;

  const withRoster = (sub: string, roles: string[], name?: string) =>
    platform.claims({ sub, roles, name, extra: platform.services.namesRolesClaim('course-1') });

  async function rosterPage(browser: Browser = grace) {
    return browser.get(`/c/${courseId}/roster`);
  }

  async function syncNow() {
    const page = await rosterPage();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const response = await grace.post(`/c/${courseId}/roster/sync`).type('form').send({ _csrf: csrf });
    expect(response.status).toBe(303);
  }

  beforeAll(async () => {
    clock = Date.now();
    const port = await freePort();
    const config = loadConfig({ PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: `http://127.0.0.1:${port}`, DATA_DIR: tempDir('roster'), LOG_LEVEL: 'silent' });
    // A clock of the test's own, to reach the next scheduled sync without waiting six hours.
    agora = await startAgora(config, { logger: pino({ level: 'silent' }), now: () => new Date(clock) });
    platform = await TestPlatform.start();
    await registerPlatform(agora, platform);
    platform.services.toolJwksUrl = `${agora.url}/lti/keys`;
    platform.services.setRoster('course-1', ROSTER);
    grace = newBrowser(agora.url);
    courseId = await launchIntoCourse(grace, platform, agora.url, withRoster('grace', [ROLE.instructor], 'Grace Hopper'));
    await agora.lti.roster.idle();
  });
  afterAll(async () => {
    await agora.close();
    await platform.close();
  });

  it('reads every page of the roster when staff launch, with a token Agora obtained by signed assertion', async () => {
    expect(platform.services.rosterPageRequests).toHaveLength(3);
    expect(platform.services.tokenRequests).toHaveLength(1);
    expect(platform.services.tokenRequests[0]!.scope).toBe('https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly');
  });

  it('lists members before their first launch, leaves out inactive ones, and maps Canvas TAs to staff', async () => {
    const page = await rosterPage();
    expect(page.status).toBe(200);
    expect(page.text).toContain('4 members');
    expect(page.text).toMatch(/Bob Noyce<\/span> · Learner · <span data-roster-status>Has not opened Agora yet/);
    expect(page.text).toMatch(/Cy Young<\/span> · Course staff/);
    expect(page.text).toMatch(/Grace Hopper<\/span> · Course staff · <span data-roster-status>Has opened Agora/);
    expect(page.text).not.toContain('Dora');
    expect(page.text).toMatch(/Last synced: <time datetime="[^"]+">/);
  });

  it('offers roster members for @-mentions before they have ever opened Agora', async () => {
    const found = await grace.get(`/api/courses/${courseId}/members`).query({ q: 'Bob' });
    expect(found.status).toBe(200);
    expect(JSON.stringify(found.body)).toContain('Bob Noyce');
  });

  it('does not read the roster again when staff launch again within minutes, nor when a learner launches', async () => {
    const before = platform.services.rosterPageRequests.length;
    await launchIntoCourse(newBrowser(agora.url), platform, agora.url, withRoster('grace', [ROLE.instructor]));
    await launchIntoCourse(newBrowser(agora.url), platform, agora.url, withRoster('bob', [ROLE.learner]));
    await agora.lti.roster.idle();
    expect(platform.services.rosterPageRequests.length).toBe(before);
  });

  it('closes the course to someone the LMS stops listing, even with a session open, and reopens it when they launch again', async () => {
    const ada = newBrowser(agora.url);
    await launchIntoCourse(ada, platform, agora.url, withRoster('ada', [ROLE.learner], 'Ada Lovelace'));
    expect((await ada.get(`/c/${courseId}`)).status).toBe(200);

    platform.services.setRoster('course-1', ROSTER.filter((m) => m.user_id !== 'ada'));
    await syncNow();
    const refused = await ada.get(`/c/${courseId}`);
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Your LMS no longer lists you as a member of this course');
    const page = await rosterPage();
    expect(page.text).toMatch(/Ada Lovelace<\/span> · Learner · <span data-roster-status>Removed by the LMS/);
    expect(page.text).toContain('1 removed');

    // A launch is the LMS saying, signed, that she is in the course now.
    await launchIntoCourse(ada, platform, agora.url, withRoster('ada', [ROLE.learner], 'Ada Lovelace'));
    expect((await ada.get(`/c/${courseId}`)).status).toBe(200);
    platform.services.setRoster('course-1', ROSTER);
    await syncNow();
  });

  it('changes nobody when the roster cannot be read, and shows staff the failure and the last good sync', async () => {
    platform.services.rosterFailure = 503;
    try {
      await syncNow();
      const page = await rosterPage();
      expect(page.text).toMatch(/The last attempt \(<time[^>]*>[^<]*<\/time>\) failed: The LMS roster service at http:\/\/127\.0\.0\.1:\d+\/nrps\/course-1\/memberships did not answer as expected \(it answered 503\)\./);
      expect(page.text).toMatch(/Last synced: <time/);
      expect(page.text).toContain('4 members');
    } finally {
      platform.services.rosterFailure = null;
    }
    await syncNow();
    expect((await rosterPage()).text).not.toContain('data-roster-error');
  });

  it('removes no one when the LMS returns an empty roster', async () => {
    platform.services.setRoster('course-1', []);
    try {
      await syncNow();
      const page = await rosterPage();
      expect(page.text).toContain('The LMS returned an empty roster, so Agora kept the members it knows.');
      expect(page.text).toContain('4 members');
    } finally {
      platform.services.setRoster('course-1', ROSTER);
    }
  });

  it('says when the LMS refuses Agora\'s access token or its token request, and asks for a new token each time', async () => {
    platform.services.revokeAccessTokens();
    await syncNow();
    expect((await rosterPage()).text).toMatch(/The LMS roster service at \S+ did not answer as expected \(it refused Agora&#x27;s credentials/);

    const jwks = platform.services.toolJwksUrl;
    platform.services.toolJwksUrl = `${platform.url}/jwks`; // the LMS now checks assertions against other keys
    try {
      await syncNow();
      expect((await rosterPage()).text).toMatch(/The LMS token endpoint at http:\/\/127\.0\.0\.1:\d+\/token did not answer as expected \(it refused Agora&#x27;s credentials/);
    } finally {
      platform.services.toolJwksUrl = jwks;
    }
    await syncNow();
    expect((await rosterPage()).text).not.toContain('data-roster-error');
  });

  it('syncs every course again on the schedule, six hours after the last attempt', async () => {
    const before = platform.services.rosterPageRequests.length;
    expect(await agora.lti.roster.syncDue()).toBe(0);
    platform.services.setRoster('course-1', [...ROSTER, member('eve', 'Eve Late', [ROLE.learner])]);
    clock += 6 * HOUR + 1000;
    try {
      expect(await agora.lti.roster.syncDue()).toBe(1);
      expect(platform.services.rosterPageRequests.length).toBe(before + 3);
      expect((await rosterPage()).text).toContain('Eve Late');
    } finally {
      clock = Date.now(); // launches are signed with the real time
    }
  });

  it('shows the roster to staff only', async () => {
    const bob = newBrowser(agora.url);
    await launchIntoCourse(bob, platform, agora.url, withRoster('bob', [ROLE.learner]));
    const page = await rosterPage(bob);
    expect(page.status).toBe(403);
    expect(page.text).toContain('Only course staff can see the course roster.');
    const csrf = /data-csrf="([^"]+)"/.exec((await bob.get(`/c/${courseId}`)).text)![1]!;
    expect((await bob.post(`/c/${courseId}/roster/sync`).type('form').send({ _csrf: csrf })).status).toBe(403);
  });

  it('explains when the LMS offers no roster service for the course', async () => {
    const alan = newBrowser(agora.url);
    const other = await launchIntoCourse(alan, platform, agora.url, platform.claims({ sub: 'alan', roles: [ROLE.instructor], contextId: 'no-nrps', contextTitle: 'Chemistry' }));
    const page = await alan.get(`/c/${other}/roster`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('has not offered Agora its roster service');
  });
});
