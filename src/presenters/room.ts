import type { Directory } from '../commands/discussion/directory';
import { renderPolicy } from '../commands/discussion/moderation';
import type { NotificationItem, QueueEntry, SearchResult } from '../commands/discussion/read';
import type { CommandContext } from '../commands/context';
import type { Course } from '../domain/course';
import type { PostRevision, Tag } from '../domain/discussion';
import type { NotificationKind } from '../domain/notifications';
import { displayName } from '../domain/person';
import { can, type Actor, type Subject } from '../policies/can';
import type { Translate } from '../i18n/translate';
import { SEARCH_MARK } from '../storage/ports';
import { authorName, personNameMessage, presentAuthor, type AuthorView } from './authors';
import { threadUrl } from './discussion';
import { hotseatUrl } from './hotseat';
import { presentTime } from './time';

/** View models for the room's surrounding pages: composer, filters, search, moderation, notifications, history. */

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export async function presentComposer(ctx: CommandContext, actor: Actor, course: Course, form: { error?: string; values?: Record<string, unknown> }) {
  const [settings, tags, accepted] = await Promise.all([
    ctx.storage.settings.get(course.id, ctx.now()),
    ctx.storage.tags.listByCourse(course.id),
    ctx.storage.settings.acceptedPolicyVersion(course.id, actor.person.id),
  ]);
  const values = form.values ?? {};
  const chosenTags = new Set(([] as unknown[]).concat(values.tagIds ?? []).map(String));
  // Labels are catalog keys: the page says them in the viewer's language.
  const kinds = [
    { value: 'discussion', labelKey: 'discussion.kindDiscussion' },
    { value: 'question', labelKey: 'discussion.kindQuestion' },
    ...(can(actor, 'thread.announce', { courseId: course.id }) ? [{ value: 'announcement', labelKey: 'discussion.kindAnnouncementChoice' }] : []),
  ].map((kind) => ({ ...kind, checked: kind.value === (values.kind ?? 'discussion') }));
  const mustAccept = actor.membership.role !== 'staff' && settings.postingPolicy !== null && (accepted ?? -1) < settings.policyVersion;
  return {
    error: form.error ?? null,
    title: String(values.title ?? ''),
    body: String(values.body ?? ''),
    kinds,
    anonymity: presentAnonymityChoices(settings.anonymity, String(values.anonymity ?? 'named')),
    tags: tags.map((tag) => ({ id: tag.id, name: tag.name, checked: chosenTags.has(tag.id) })),
    policy: mustAccept && settings.postingPolicy ? renderPolicy(settings.postingPolicy) : null,
  };
}

/**
 * The name choices an author has on a post, given what the course allows; null when only "named" is
 * allowed. `labelKey` is a catalog key (partials/anonymity-choice says it in the viewer's language).
 */
export function presentAnonymityChoices(allowed: 'named' | 'peers' | 'everyone', chosen = 'named') {
  const options = [{ value: 'named', labelKey: 'discussion.anonymityNamed' }];
  if (allowed !== 'named') options.push({ value: 'peers', labelKey: 'discussion.anonymityPeers' });
  if (allowed === 'everyone') options.push({ value: 'everyone', labelKey: 'discussion.anonymityEveryone' });
  return options.length > 1 ? options.map((o) => ({ ...o, checked: o.value === chosen })) : null;
}

/** Options carry a catalog key (`labelKey`) for Agora's own words, or the `label` a person typed (a tag's name). */
export function presentFilters(courseId: string, query: { sort: string; filter: string; tag?: string }, tags: Tag[]) {
  const params = new URLSearchParams({ sort: query.sort, filter: query.filter, ...(query.tag ? { tag: query.tag } : {}) });
  const option = (value: string, labelKey: string, current: string) => ({ value, labelKey, selected: value === current });
  return {
    baseUrl: `/c/${courseId}/discussion?${params.toString()}`,
    sorts: [option('activity', 'discussion.sortActivity', query.sort), option('newest', 'discussion.sortNewest', query.sort), option('top', 'discussion.sortTop', query.sort)],
    filters: [
      option('all', 'discussion.filterAll', query.filter), option('unanswered', 'discussion.filterUnanswered', query.filter),
      option('unresolved', 'discussion.filterUnresolved', query.filter), option('mine', 'discussion.filterMine', query.filter),
      option('following', 'discussion.filterFollowing', query.filter),
    ],
    tags: [
      { value: '', labelKey: 'discussion.anyTag', label: null, selected: !query.tag },
      ...tags.map((tag) => ({ value: tag.id, labelKey: null, label: tag.name, selected: tag.id === (query.tag ?? '') })),
    ],
  };
}

/** Snippets come back as plain text with match markers: escape everything, then mark the matches. */
export function highlightSnippet(snippet: string): string {
  return escapeHtml(snippet).split(SEARCH_MARK.start).join('<mark>').split(SEARCH_MARK.end).join('</mark>');
}

export function presentSearchResult(result: SearchResult, viewer: Subject, directory: Directory) {
  return {
    threadTitle: result.thread.title,
    url: result.hit.postKind === 'thread' ? threadUrl(result.thread.courseId, result.thread.id) : `${threadUrl(result.thread.courseId, result.thread.id)}#reply-${result.post.id}`,
    isReply: result.hit.postKind === 'reply',
    snippetHtml: highlightSnippet(result.hit.snippet),
    author: presentAuthor(result.post, viewer, directory),
    createdAt: presentTime(result.post.createdAt),
  };
}

export function presentQueueEntry(entry: QueueEntry, viewer: Subject, directory: Directory) {
  return {
    postKind: entry.postKind,
    postId: entry.post.id,
    threadTitle: entry.thread.title,
    url: entry.postKind === 'thread' ? threadUrl(entry.thread.courseId, entry.thread.id) : `${threadUrl(entry.thread.courseId, entry.thread.id)}#reply-${entry.post.id}`,
    bodyHtml: entry.post.deletedAt ? null : entry.post.bodyHtml,
    hidden: entry.post.hidden,
    author: presentAuthor(entry.post, viewer, directory),
    reports: entry.reports.map((report) => {
      // Staff see who reported what; reporters are never anonymous to staff. The page says the name with {{nameOf}}.
      const person = directory.people.get(report.reporterId);
      return {
        reason: report.reason,
        reporter: { name: person ? displayName(person) : 'Former member', nameMessage: personNameMessage(person) },
        createdAt: presentTime(report.createdAt),
      };
    }),
  };
}

/** Only authors edit their posts, so a revision names no editor: that would unmask an anonymous author. */
export function presentRevision(revision: PostRevision) {
  return { title: revision.title, bodySource: revision.bodySource, replacedAt: presentTime(revision.createdAt) };
}

/** The sentence of each kind: a catalog key with {who} and {title}. */
const NOTIFICATION_TEXT: Record<NotificationKind, string> = {
  reply: 'discussion.notifyReply',
  answer: 'discussion.notifyAnswer',
  endorsement: 'discussion.notifyEndorsement',
  accepted: 'discussion.notifyAccepted',
  mention: 'discussion.notifyMention',
  announcement: 'discussion.notifyAnnouncement',
  'hotseat-answer': 'discussion.notifyHotseatAnswer',
  'ask-alumni': 'discussion.notifyAskAlumni',
  // Staff routed an unanswered question to someone likely to know (commands/care/unanswered.ts).
  routed: 'discussion.notifyRouted',
};

export interface NotificationView {
  id: string;
  /** The whole sentence in the reader's language: "Ada replied in “Title”". */
  text: string;
  url: string;
  unread: boolean;
  createdAt: ReturnType<typeof presentTime>;
  actor: AuthorView | null;
}

/** `t` is the reader's: a notification is one sentence, with a name and a title (or a stand-in for either) inside. */
export function presentNotification(item: NotificationItem, viewer: Subject, directory: Directory, t: Translate): NotificationView {
  const n = item.notification;
  if (n.kind === 'hotseat-answer') {
    // Hosts answer under their own name; the link goes to the question in its hotseat.
    const host = presentAuthor({ authorId: n.actorId, anonymity: 'named' }, viewer, directory);
    return {
      id: n.id, text: t(NOTIFICATION_TEXT[n.kind], { who: authorName(host, t), title: item.hotseatTitle ?? t('discussion.aRemovedHotseat') }),
      url: `${hotseatUrl(n.courseId, n.threadId)}#question-${n.replyId ?? ''}`, unread: n.readAt === null, createdAt: presentTime(n.createdAt), actor: host,
    };
  }
  // The actor is shown exactly as on the post that caused the notification: anonymous stays anonymous.
  const post = item.reply ?? item.thread;
  const actor = post && !post.deletedAt ? presentAuthor({ authorId: n.actorId, anonymity: post.anonymity }, viewer, directory) : null;
  const who = actor ? authorName(actor, t) : t('discussion.someone');
  const title = item.thread && !item.thread.deletedAt ? item.thread.title : t('discussion.aDeletedThread');
  return {
    id: n.id,
    // Endorsement, acceptance and routing sentences name nobody: their messages have no {who}.
    text: t(NOTIFICATION_TEXT[n.kind], { who, title }),
    url: n.replyId ? `${threadUrl(n.courseId, n.threadId)}#reply-${n.replyId}` : threadUrl(n.courseId, n.threadId),
    unread: n.readAt === null,
    createdAt: presentTime(n.createdAt),
    actor: n.kind === 'endorsement' || n.kind === 'accepted' || n.kind === 'routed' ? null : actor,
  };
}

