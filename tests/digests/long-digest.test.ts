import type { DigestContent } from '../../src/commands/digest/content';
import type { Hotseat } from '../../src/domain/hotseat';
import { composeDigestEmail } from '../../src/mail/digest-email';
import { VIEWS_DIR } from '../../src/paths';
import { DIGEST_ITEMS_SHOWN, presentDigest } from '../../src/presenters/digest';
import { createTemplates } from '../../src/rendering/templates';

/** A digest longer than an email should be: the first items, then one line for the rest. */
describe('a long digest', () => {
  const at = new Date('2026-03-04T10:00:00Z');
  const hotseat = (n: number): Hotseat => ({
    id: `h${n}`, courseId: 'c1', title: `Session ${n}`, descriptionSource: '', descriptionHtml: '', createdBy: 'p0', publishedAt: at,
    opensAt: at, startsAt: new Date(at.getTime() + n * 60_000), endsAt: new Date(at.getTime() + 86_400_000), phase: 'scheduled',
    premoderation: false, convertOnClose: false, answeringQuestionId: null, createdAt: at, updatedAt: at,
  });
  const content: DigestContent = {
    person: { id: 'p1', issuer: 'lms', subject: 's', name: 'Ada Lovelace', givenName: null, familyName: null, email: 'ada@uni.example', locale: null, createdAt: at },
    frequency: 'weekly',
    chosen: false,
    sections: [{
      course: { id: 'c1', title: 'Biology 101', label: null, createdAt: at, issuer: 'lms', clientId: 'c', deploymentId: 'd', contextId: 'x' },
      viewer: { personId: 'p1', courseId: 'c1', role: 'learner' },
      directory: { people: new Map(), pseudonyms: new Map(), tags: new Map() },
      entries: Array.from({ length: DIGEST_ITEMS_SHOWN + 5 }, (_, n) => ({ type: 'hotseat' as const, key: `hotseat:h${n}`, hotseat: hotseat(n) })),
    }],
  };

  it('shows the first items and counts the rest, in both parts', async () => {
    const view = presentDigest(content, { publicUrl: 'https://agora.example.edu', unsubscribeUrl: 'https://agora.example.edu/email/unsubscribe/x' });
    expect(view.sections[0]!.items).toHaveLength(DIGEST_ITEMS_SHOWN);
    expect(view.moreCount).toBe(5);
    const mail = await composeDigestEmail(view, createTemplates(VIEWS_DIR));
    expect(mail.subject).toBe(`Your weekly Agora digest: ${DIGEST_ITEMS_SHOWN + 5} new items`);
    expect(mail.text).toContain('…and 5 more items in Agora.');
    expect(mail.html).toContain('…and 5 more items in Agora.');
    expect(mail.text).toContain('https://agora.example.edu/c/c1/hotseats/h49');
    expect(mail.text).not.toContain('https://agora.example.edu/c/c1/hotseats/h50');
  });
});
