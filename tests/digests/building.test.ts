import { ADA, ALAN, BO, CHEMISTRY, GRACE, type Person } from '../alumni/support';
import type { ReceivedMail } from '../support/mailbox';
import { act, postReply, postThread } from '../support/room';
import { choose, personIdOf, startDigestFixture, type DigestFixture } from './support';

/**
 * What a digest holds: everything waiting for the person, grouped by course, each item linking to
 * the exact place, with authors shown exactly as the pages show them to that person (anonymous stays
 * anonymous), and nothing hidden, deleted, or from a course they can no longer open.
 */
describe('building a digest', () => {
  let d: DigestFixture;
  let base: string;
  let bio: string;
  let chem: string;
  let physics: string;
  let pseudonym: string;
  const ids: Record<string, string> = {};
  const mail: Record<string, ReceivedMail> = {};
  const QUIET: Person = { sub: 'quiet', name: 'Quiet Person', email: null };
  const LATE: Person = { sub: 'late', name: 'Late Comer', email: 'late@uni.example' };
  const TITLE = '<b>Cells & "tissues"</b>';

  beforeAll(async () => {
    d = await startDigestFixture();
    base = d.f.env.PUBLIC_URL!;
    const [grace, ada, bo, alan, quiet, late] = [d.f.browser(), d.f.browser(), d.f.browser(), d.f.browser(), d.f.browser(), d.f.browser()];
    bio = await d.launch(grace, GRACE);
    await d.launch(ada, ADA);
    await d.launch(bo, BO);
    await d.launch(quiet, QUIET);
    await act(grace, bio, `/c/${bio}/discussion/settings`, { anonymity: 'everyone', postingPolicy: '' });

    // A question: Bo answers anonymously to classmates; Grace follows it; she endorses, Ada accepts.
    const question = await postThread(ada, bio, { title: 'How do cells divide?', body: 'Mitosis?', kind: 'question' });
    await act(grace, bio, `/c/${bio}/discussion/threads/${question.id}/follow`, { following: true });
    const answer = await postReply(bo, bio, question.id, { body: 'By mitosis', anonymity: 'peers' });
    await act(grace, bio, `/c/${bio}/discussion/replies/${answer.id}/endorse`, { endorsed: true });
    await act(ada, bio, `/c/${bio}/discussion/threads/${question.id}/accept`, { replyId: answer.id });
    // A mention, an announcement.
    const mention = await postThread(bo, bio, { title: 'Lab partners?', body: '@ada.lovelace shall we pair up?' });
    const announcement = await postThread(grace, bio, { title: 'Exam moved', body: 'To Friday', kind: 'announcement' });
    // Ada's discussion: a reply anonymous to everyone, one hidden by staff, one deleted by its author.
    const discussion = await postThread(ada, bio, { title: TITLE, body: 'Reading group' });
    await act(grace, bio, `/c/${bio}/discussion/threads/${discussion.id}/follow`, { following: true });
    const secret = await postReply(bo, bio, discussion.id, { body: 'Count me in', anonymity: 'everyone' });
    const hidden = await postReply(bo, bio, discussion.id, { body: 'Buy cheap pills' });
    await act(grace, bio, `/c/${bio}/discussion/posts/reply/${hidden.id}/hide`, { hidden: true });
    const deleted = await postReply(bo, bio, discussion.id, { body: 'Oops, wrong thread' });
    await act(bo, bio, `/c/${bio}/discussion/posts/reply/${deleted.id}/delete`, {});
    Object.assign(ids, { question: question.id, answer: answer.id, mention: mention.id, announcement: announcement.id, discussion: discussion.id, secret: secret.id, hidden: hidden.id, deleted: deleted.id });

    // Another course of Ada's, and a third one the LMS roster has since removed her from.
    // (A browser per launch: a launch starts a new session, and the helpers keep each browser's CSRF token.)
    chem = await d.launch(alan, ALAN, CHEMISTRY);
    await d.launch(d.f.browser(), ADA, CHEMISTRY);
    ids.lab = (await postThread(alan, chem, { title: 'Lab safety', body: 'Goggles on', kind: 'announcement' })).id;
    const physicist = d.f.browser();
    physics = await d.launch(physicist, ALAN, { contextId: 'phys', title: 'Physics' });
    await d.launch(d.f.browser(), ADA, { contextId: 'phys', title: 'Physics' });
    await postThread(physicist, physics, { title: 'Physics news', body: 'Hello', kind: 'announcement' });
    await d.f.agora.storage.roster.markRemovedExcept(physics, [await personIdOf(d, physics, ALAN.name)], d.f.now());

    await d.launch(late, LATE);
    for (const [browser, course] of [[ada, bio], [bo, bio], [grace, bio], [quiet, bio], [late, bio]] as const) await choose(browser, course, 'instant');
    pseudonym = (await d.f.agora.storage.pseudonyms.findMany(bio, [await personIdOf(d, bio, BO.name)])).get(await personIdOf(d, bio, BO.name))!;

    await d.job().run();
    for (const who of [ADA, BO, GRACE]) {
      const received = d.mailbox.to(who.email!);
      expect(received).toHaveLength(1);
      mail[who.sub] = received[0]!;
    }
  });
  afterAll(() => d.close());

  const link = (courseId: string, threadId: string, replyId?: string) => `${base}/c/${courseId}/discussion/threads/${threadId}${replyId ? `#reply-${replyId}` : ''}`;

  it('sends one email with a plain-text part and an HTML part', () => {
    expect(mail.ada!.headers.get('content-type')).toMatch(/^multipart\/alternative/);
    expect(mail.ada!.text).toContain('Hello Ada Lovelace,');
    expect(mail.ada!.html).toContain('<html lang="en">');
    expect(mail.ada!.headers.get('subject')).toBe('Agora: 5 new items for you');
  });

  it('groups items by course, each with a link to the exact post', () => {
    const text = mail.ada!.text;
    expect(text.indexOf('Biology 101')).toBeGreaterThan(-1);
    expect(text.indexOf('Chemistry')).toBeGreaterThan(text.indexOf('Biology 101'));
    const chemistrySection = text.slice(text.indexOf('Chemistry'));
    expect(chemistrySection).toContain('Alan Turing posted an announcement: “Lab safety”');
    expect(chemistrySection).toContain(link(chem, ids.lab!));
    expect(text.slice(0, text.indexOf('Chemistry'))).toContain(link(bio, ids.question!, ids.answer));
    expect(mail.ada!.html).toContain(`href="${link(bio, ids.question!, ids.answer)}"`);
    expect(mail.ada!.html).toContain(`href="${base}/c/${chem}"`);
  });

  it('holds each kind of item: answers, mentions, announcements, replies, endorsements, accepted answers', () => {
    expect(mail.ada!.text).toContain(`${pseudonym} answered your question “How do cells divide?”`);
    expect(mail.ada!.text).toContain('Bo Diddley mentioned you in “Lab partners?”');
    expect(mail.ada!.text).toContain(link(bio, ids.mention!));
    expect(mail.ada!.text).toContain('Grace Hopper posted an announcement: “Exam moved”');
    expect(mail.ada!.text).toContain(`${pseudonym} replied in “${TITLE}”`);
    expect(mail.bo!.text).toContain('Staff endorsed your answer in “How do cells divide?”');
    expect(mail.bo!.text).toContain('Your answer in “How do cells divide?” was accepted');
    expect(mail.bo!.text).toContain(link(bio, ids.question!, ids.answer));
    // Grace follows both threads: replies there are waiting for her.
    expect(mail.grace!.text).toContain('Bo Diddley replied in “How do cells divide?”');
  });

  it('keeps anonymous authors anonymous: to classmates for learners, to everyone for staff too', () => {
    expect(mail.ada!.text).not.toContain('Bo Diddley answered');
    expect(mail.ada!.text).not.toContain('Bo Diddley replied');
    expect(mail.grace!.text).toContain(`${pseudonym} replied in “${TITLE}”`);
    expect(mail.grace!.text).not.toContain(`Bo Diddley replied in “${TITLE}”`);
    for (const m of [mail.ada!, mail.grace!]) {
      expect(m.html.split('Bo Diddley replied in').length - 1).toBe(m === mail.grace ? 1 : 0);
    }
  });

  it('leaves out hidden and deleted posts, and courses the person can no longer open', () => {
    for (const m of [mail.ada!, mail.grace!]) {
      expect(m.raw).not.toContain(ids.hidden);
      expect(m.raw).not.toContain(ids.deleted);
      expect(m.text).not.toContain('Buy cheap pills');
    }
    expect(mail.ada!.text).not.toContain('Physics');
    expect(mail.ada!.raw).not.toContain(physics);
  });

  it('escapes what people wrote in the HTML part', () => {
    expect(mail.ada!.html).not.toContain(TITLE);
    expect(mail.ada!.html).toContain('&lt;b&gt;Cells &amp; &quot;tissues&quot;&lt;/b&gt;');
  });

  it('sends nothing to someone with nothing waiting, nor to someone whose LMS shared no address', async () => {
    expect(d.mailbox.to(LATE.email!)).toHaveLength(0);
    expect(d.mailbox.received.map((m) => m.to[0]).sort()).toEqual([ADA.email, BO.email, GRACE.email].sort());
    const quiet = await d.f.agora.storage.digests.collect(await personIdOf(d, bio, QUIET.name));
    expect(quiet.deliveries).toEqual([]);
  });
});
