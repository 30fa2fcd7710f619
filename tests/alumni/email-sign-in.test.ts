import fs from 'node:fs';
import { countRows } from '../support/db';
import { startMailbox, type Mailbox } from '../support/mailbox';
import {
  ADA, BO, createCommunity, GRACE, outboxFiles, post, SPRING, startAlumniFixture, type AlumniFixture, type Person,
} from './support';

/** The sign-in link in a message, undoing quoted-printable soft line breaks. */
function linkIn(raw: string): string {
  const text = raw.replace(/=\r?\n/g, '').replace(/=3D/gi, '=');
  const match = /https?:\/\/[^\s]+\/alumni\/sign-in\/([A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error(`no sign-in link in: ${text.slice(0, 500)}`);
  return new URL(match[0]).pathname;
}

describe('email sign-in for alumni', () => {
  let mailbox: Mailbox;
  let f: AlumniFixture;
  let grace: ReturnType<AlumniFixture['browser']>;
  let ada: ReturnType<AlumniFixture['browser']>;
  let bo: ReturnType<AlumniFixture['browser']>;
  let noEmail: ReturnType<AlumniFixture['browser']>;
  let communityId: string;
  let spring: string;
  const NO_EMAIL: Person = { sub: 'quiet', name: 'Quiet Person', email: null };

  beforeAll(async () => {
    mailbox = await startMailbox();
    f = await startAlumniFixture({ SMTP_URL: mailbox.url, SMTP_FROM: 'Agora <agora@uni.example>' });
    [grace, ada, bo, noEmail] = [f.browser(), f.browser(), f.browser(), f.browser()];
    spring = await f.launch(grace, GRACE, SPRING);
    await f.launch(ada, ADA, SPRING);
    await f.launch(bo, BO, SPRING);
    await f.launch(noEmail, NO_EMAIL, SPRING);
    communityId = await createCommunity(grace, spring);
    await post(grace, `/c/${spring}/alumni/graduate`, {}, `/c/${spring}/alumni`);
  });
  afterAll(async () => {
    await f.close();
    await mailbox.close();
  });

  const requestLink = (email: string) => f.browser().post('/alumni/sign-in').type('form').send({ email });

  it('refuses to turn email sign-in on when the LMS never shared an email, with nothing stored', async () => {
    const refused = await post(noEmail, `/alumni/${communityId}/email-sign-in`, { enabled: true }, `/alumni/${communityId}`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('EMAIL_NOT_SHARED');
    expect(refused.body.error.message).toContain('did not share your email address');
    expect(countRows(f.dataDir, ['alumni_email_sign_in']).alumni_email_sign_in).toBe(0);
  });

  it('sends a link by SMTP to an alumnus who opted in; the link signs in once, to alumni communities only', async () => {
    const optIn = await post(ada, `/alumni/${communityId}/email-sign-in`, { enabled: true }, `/alumni/${communityId}`);
    expect(optIn.status).toBe(200);
    const asked = await requestLink('ADA@uni.example');
    expect(asked.status).toBe(200);
    expect(asked.text).toContain('If that address belongs to an alumnus who turned on email sign-in');
    await mailbox.waitFor(1);
    const mail = mailbox.received[0]!;
    expect(mail.to).toEqual(['ada@uni.example']);
    expect(mail.raw).toContain('From: Agora <agora@uni.example>');
    const link = linkIn(mail.raw);

    const laptop = f.browser();
    const confirm = await laptop.get(link);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Sign in');
    // Opening the page (as a mail scanner would) does not use the link up.
    expect((await laptop.get(link)).status).toBe(200);
    const signedIn = await laptop.post(link);
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe('/alumni');
    const mine = await laptop.get('/alumni');
    expect(mine.text).toContain(`href="/alumni/${communityId}"`);
    expect(mine.text).toContain('You signed in with an email link');
    const space = await laptop.get(`/alumni/${communityId}`);
    expect(space.status).toBe(200);
    expect(space.text).toContain('Alumnus');
    const course = await laptop.get(`/c/${spring}`).set('Accept', 'application/json');
    expect(course.status).toBe(403);
    expect(course.body.error.code).toBe('ALUMNI_SESSION_ONLY');

    const again = await f.browser().post(link);
    expect(again.status).toBe(401);
    expect(again.text).toContain('This sign-in link was already used; ask for a new one.');
    // Only the hash is stored.
    expect(JSON.stringify(await f.agora.storage.signIn.findLink(link.split('/').pop()!))).toBe('null');
  });

  it('refuses an expired link, saying so', async () => {
    await requestLink('ada@uni.example');
    await mailbox.waitFor(2);
    const link = linkIn(mailbox.received[1]!.raw);
    f.clock.offsetMs = 16 * 60 * 1000;
    try {
      const expired = await f.browser().post(link);
      expect(expired.status).toBe(401);
      expect(expired.text).toContain('This sign-in link has expired');
      expect((await f.browser().get(link)).text).toContain('has expired');
    } finally {
      f.clock.offsetMs = 0;
    }
  });

  it('refuses a link Agora never sent', async () => {
    const foreign = await f.browser().post('/alumni/sign-in/not-a-token-agora-sent').set('Accept', 'application/json');
    expect(foreign.status).toBe(401);
    expect(foreign.body.error.code).toBe('SIGN_IN_LINK_UNKNOWN');
  });

  it('answers the same for unknown addresses and for alumni who did not opt in, and sends nothing', async () => {
    const before = mailbox.received.length;
    const unknown = await requestLink('nobody@nowhere.example');
    const notOptedIn = await requestLink('bo@uni.example');
    expect(unknown.status).toBe(200);
    expect(notOptedIn.status).toBe(200);
    const sentence = /If that address belongs to an alumnus[^<]*/;
    expect(sentence.exec(unknown.text)![0]).toBe(sentence.exec(notOptedIn.text)![0]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mailbox.received.length).toBe(before);
  });

  it('stops links once the alumnus turns email sign-in off', async () => {
    await requestLink('ada@uni.example');
    await mailbox.waitFor(3);
    const link = linkIn(mailbox.received[2]!.raw);
    await post(ada, `/alumni/${communityId}/email-sign-in`, { enabled: false }, `/alumni/${communityId}`);
    const refused = await f.browser().post(link).set('Accept', 'application/json');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('SIGN_IN_LINK_WITHDRAWN');
    const before = mailbox.received.length;
    await requestLink('ada@uni.example');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mailbox.received.length).toBe(before);
  });
});

describe('email without an SMTP server', () => {
  it('writes each message to the local outbox as an .eml file', async () => {
    const f = await startAlumniFixture();
    try {
      const grace = f.browser();
      const ada = f.browser();
      const spring = await f.launch(grace, GRACE, SPRING);
      await f.launch(ada, ADA, SPRING);
      const communityId = await createCommunity(grace, spring);
      await post(grace, `/c/${spring}/alumni/graduate`, {}, `/c/${spring}/alumni`);
      await post(ada, `/alumni/${communityId}/email-sign-in`, { enabled: true }, `/alumni/${communityId}`);
      await f.browser().post('/alumni/sign-in').type('form').send({ email: 'ada@uni.example' });
      const files = await outboxFiles(f.dataDir);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/\.eml$/);
      const raw = fs.readFileSync(files[0]!, 'utf8');
      expect(raw).toContain('To: ada@uni.example');
      const link = linkIn(raw);
      expect((await f.browser().post(link)).status).toBe(303);
    } finally {
      await f.close();
    }
  });
});
