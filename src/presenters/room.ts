import type { Directory } from '../commands/discussion/directory';
import { renderPolicy } from '../commands/discussion/moderation';
import type { NotificationItem, QueueEntry, SearchResult } from '../commands/discussion/read';
import type { CommandContext } from '../commands/context';
import type { Course } from '../domain/course';
import type { PostRevision, Tag } from '../domain/discussion';
import type { NotificationKind } from '../domain/notifications';
import { displayName } from '../domain/person';
import { can, type Actor, type Subject } from '../policies/can';
import { SEARCH_MARK } from '../storage/ports';
import { presentAuthor, type AuthorView } from './authors';
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
  const kinds = [
    { value: 'discussion', label: 'Discussion' },
    { value: 'question', label: 'Question' },
    ...(can(actor, 'thread.announce', { courseId: course.id }) ? [{ value: 'announcement', label: 'Announcement (pinned, notifies everyone)' }] : []),
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

/** The name choices an author has on a post, given what the course allows; null when only "named" is allowed. */
export function presentAnonymityChoices(allowed: 'named' | 'peers' | 'everyone', chosen = 'named') {
  const options = [{ value: 'named', label: 'Show my name' }];
  if (allowed !== 'named') options.push({ value: 'peers', label: 'Anonymous to classmates (staff see my name)' });
  if (allowed === 'everyone') options.push({ value: 'everyone', label: 'Anonymous to everyone' });
  return options.length > 1 ? options.map((o) => ({ ...o, checked: o.value === chosen })) : null;
}

export function presentFilters(courseId: string, query: { sort: string; filter: string; tag?: string }, tags: Tag[]) {
  const params = new URLSearchParams({ sort: query.sort, filter: query.filter, ...(query.tag ? { tag: query.tag } : {}) });
  const option = (value: string, label: string, current: string) => ({ value, label, selected: value === current });
  return {
    baseUrl: `/c/${courseId}/discussion?${params.toString()}`,
    sorts: [option('activity', 'Latest activity', query.sort), option('newest', 'Newest', query.sort), option('top', 'Most votes', query.sort)],
    filters: [
      option('all', 'All threads', query.filter), option('unanswered', 'Unanswered', query.filter), option('unresolved', 'Unresolved questions', query.filter),
      option('mine', 'Mine', query.filter), option('following', 'Following', query.filter),
    ],
    tags: [{ value: '', label: 'Any tag', selected: !query.tag }, ...tags.map((tag) => option(tag.id, tag.name, query.tag ?? ''))],
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
    reports: entry.reports.map((report) => ({
      reason: report.reason,
      // Staff see who reported what; reporters are never anonymous to staff.
      reporter: directory.people.get(report.reporterId) ? displayName(directory.people.get(report.reporterId)!) : 'Former member',
      createdAt: presentTime(report.createdAt),
    })),
  };
}

/** Only authors edit their posts, so a revision names no editor: that would unmask an anonymous author. */
export function presentRevision(revision: PostRevision) {
  return { title: revision.title, bodySource: revision.bodySource, replacedAt: presentTime(revision.createdAt) };
}

const NOTIFICATION_TEXT: Record<NotificationKind, (who: string) => string> = {
  reply: (who) => `${who} replied`,
  answer: (who) => `${who} answered your question`,
  endorsement: () => 'Staff endorsed your answer',
  accepted: () => 'Your answer was accepted',
  mention: (who) => `${who} mentioned you`,
  announcement: (who) => `${who} posted an announcement`,
  'hotseat-answer': (who) => `${who} answered your question in the hotseat`,
  'ask-alumni': (who) => `${who} asked alumni a question that matches your expertise`,
  // Staff routed an unanswered question to someone likely to know (commands/care/unanswered.ts).
  routed: () => 'Course staff think you can help answer a question',
};

export interface NotificationView {
  id: string;
  text: string;
  threadTitle: string;
  url: string;
  unread: boolean;
  createdAt: ReturnType<typeof presentTime>;
  actor: AuthorView | null;
}

export function presentNotification(item: NotificationItem, viewer: Subject, directory: Directory): NotificationView {
  const n = item.notification;
  if (n.kind === 'hotseat-answer') {
    // Hosts answer under their own name; the link goes to the question in its hotseat.
    const host = presentAuthor({ authorId: n.actorId, anonymity: 'named' }, viewer, directory);
    return {
      id: n.id, text: NOTIFICATION_TEXT[n.kind](host.name), threadTitle: item.hotseatTitle ?? 'a removed hotseat',
      url: `${hotseatUrl(n.courseId, n.threadId)}#question-${n.replyId ?? ''}`, unread: n.readAt === null, createdAt: presentTime(n.createdAt), actor: host,
    };
  }
  // The actor is shown exactly as on the post that caused the notification: anonymous stays anonymous.
  const post = item.reply ?? item.thread;
  const actor = post && !post.deletedAt ? presentAuthor({ authorId: n.actorId, anonymity: post.anonymity }, viewer, directory) : null;
  const who = n.kind === 'endorsement' || n.kind === 'accepted' || n.kind === 'routed' ? '' : actor?.name ?? 'Someone';
  return {
    id: n.id,
    text: NOTIFICATION_TEXT[n.kind](who),
    threadTitle: item.thread && !item.thread.deletedAt ? item.thread.title : 'a deleted thread',
    url: n.replyId ? `${threadUrl(n.courseId, n.threadId)}#reply-${n.replyId}` : threadUrl(n.courseId, n.threadId),
    unread: n.readAt === null,
    createdAt: presentTime(n.createdAt),
    actor: n.kind === 'endorsement' || n.kind === 'accepted' || n.kind === 'routed' ? null : actor,
  };
}

