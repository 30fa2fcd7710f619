import type { DigestContent, DigestEntry, DigestSection } from '../commands/digest/content';
import { DEFAULT_DIGEST_FREQUENCY, type DigestFrequency, type DigestRecords } from '../domain/digest';
import { displayName } from '../domain/person';
import { resolveLocale, type Locale } from '../i18n/locales';
import { translator, type Translate } from '../i18n/translate';
import { authorName, presentAuthor } from './authors';
import { threadUrl } from './discussion';
import { hotseatUrl } from './hotseat';

/**
 * A digest as its email shows it, for the text and the HTML part alike. Words stay message keys
 * with their parameters (mail/digest-email.ts translates them); who did what is decided here by the
 * same rule as every page (presenters/authors.ts), seen as the recipient sees it in that course:
 * an anonymous author stays anonymous, and a name hidden from the recipient never reaches the email.
 * Links are absolute (PUBLIC_URL) and point at the exact post, question or hotseat.
 */
export const DIGEST_ITEMS_SHOWN = 50;

export interface DigestItemView {
  /** A "digest.item.*" key; its parameters are who, title and when. */
  messageKey: string;
  who: string;
  title: string;
  when: Date | null;
  url: string;
}

export interface DigestSectionView {
  courseTitle: string;
  courseUrl: string;
  items: DigestItemView[];
}

export interface DigestView {
  locale: Locale;
  to: string;
  name: string;
  frequency: Exclude<DigestFrequency, 'none'>;
  chosen: boolean;
  /** Every item this digest stands for, shown or not. */
  itemCount: number;
  /** Items beyond DIGEST_ITEMS_SHOWN, summed up in one line. */
  moreCount: number;
  sections: DigestSectionView[];
  preferencesUrl: string;
  unsubscribeUrl: string;
}

/** Who caused a notification is not said for staff actions that speak for the course. */
const IMPERSONAL = new Set(['endorsement', 'accepted', 'routed']);

export function presentDigest(content: DigestContent, links: { publicUrl: string; unsubscribeUrl: string }): DigestView {
  const absolute = (path: string) => `${links.publicUrl}${path}`;
  const locale = resolveLocale(content.person.locale);
  const t = translator(locale);
  let budget = DIGEST_ITEMS_SHOWN;
  const sections: DigestSectionView[] = [];
  for (const section of content.sections) {
    const items = section.entries.slice(0, Math.max(0, budget)).map((entry) => presentEntry(entry, section, absolute, t));
    budget -= items.length;
    if (items.length > 0) sections.push({ courseTitle: section.course.title, courseUrl: absolute(`/c/${section.course.id}`), items });
  }
  const itemCount = content.sections.reduce((sum, s) => sum + s.entries.length, 0);
  const firstCourse = content.sections[0]?.course.id ?? '';
  return {
    locale,
    to: content.person.email ?? '',
    name: displayName(content.person, locale),
    frequency: content.frequency === 'none' ? 'weekly' : content.frequency,
    chosen: content.chosen,
    itemCount,
    moreCount: itemCount - (DIGEST_ITEMS_SHOWN - Math.max(0, budget)),
    sections,
    preferencesUrl: absolute(`/c/${firstCourse}/notifications/email`),
    unsubscribeUrl: links.unsubscribeUrl,
  };
}

function presentEntry(entry: DigestEntry, section: DigestSection, absolute: (path: string) => string, t: Translate): DigestItemView {
  const courseId = section.course.id;
  if (entry.type === 'hotseat') {
    return { messageKey: 'digest.item.hotseat', who: '', title: entry.hotseat.title, when: entry.hotseat.startsAt, url: absolute(hotseatUrl(courseId, entry.hotseat.id)) };
  }
  const n = entry.notification;
  const messageKey = `digest.item.${n.kind}`;
  if (entry.hotseat) {
    // Hosts answer under their own name (as on the notifications page).
    const host = presentAuthor({ authorId: n.actorId, anonymity: 'named' }, section.viewer, section.directory);
    return { messageKey, who: authorName(host, t), title: entry.hotseat.title, when: n.createdAt, url: absolute(`${hotseatUrl(courseId, entry.hotseat.id)}#question-${n.replyId ?? ''}`) };
  }
  const post = entry.reply ?? entry.thread!;
  // Pseudonyms and "Former member" in the recipient's language, as their pages would show them.
  const who = IMPERSONAL.has(n.kind) ? '' : authorName(presentAuthor({ authorId: n.actorId, anonymity: post.anonymity }, section.viewer, section.directory), t);
  const path = n.replyId ? `${threadUrl(courseId, n.threadId)}#reply-${n.replyId}` : threadUrl(courseId, n.threadId);
  return { messageKey, who, title: entry.thread!.title, when: n.createdAt, url: absolute(path) };
}

/** A person's digest records as their personal export shows them (item keys name the notification or hotseat). */
export function presentDigestRecords(records: DigestRecords) {
  const iso = (date: Date | null) => (date ? date.toISOString() : null);
  return {
    frequency: records.preference?.frequency ?? DEFAULT_DIGEST_FREQUENCY,
    chosenAt: iso(records.preference?.updatedAt ?? null),
    sent: records.deliveries.map((d) => ({ item: d.itemKey, claimedAt: d.claimedAt.toISOString(), sentAt: iso(d.sentAt) })),
    lastFailedSend: records.retry ? { at: records.retry.failedAt.toISOString(), retryAfter: records.retry.retryAfter.toISOString() } : null,
  };
}
