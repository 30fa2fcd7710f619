import type { Course } from '../../domain/course';
import type { DigestFrequency } from '../../domain/digest';
import { hotseatItemKey, notificationItemKey } from '../../domain/digest';
import type { Reply, Thread } from '../../domain/discussion';
import { isAppError } from '../../domain/errors';
import { phaseAt, type Hotseat } from '../../domain/hotseat';
import type { Notification } from '../../domain/notifications';
import type { Person } from '../../domain/person';
import { subjectOf, type Actor, type Subject } from '../../policies/can';
import { canInHotseat } from '../../policies/hotseat';
import type { CommandContext } from '../context';
import { loadDirectory, type Directory } from '../discussion/directory';
import { resolveActor } from '../resolve-actor';

/**
 * What one person's digest holds, as domain objects for the presenter: per course they can still
 * open, the notifications they have not read whose post is still there for them, and the hotseats
 * coming up. Everything is checked again here, at sending time, as a page would check it: a course
 * the roster removed them from, a post since hidden or deleted, a hotseat taken back to draft, all
 * drop out.
 */
export type DigestEntry =
  | { type: 'notification'; key: string; notification: Notification; thread: Thread | null; reply: Reply | null; hotseat: Hotseat | null }
  | { type: 'hotseat'; key: string; hotseat: Hotseat };

export interface DigestSection {
  course: Course;
  /** The person as they are in this course: the presenters' anonymity rule needs their role. */
  viewer: Subject;
  directory: Directory;
  entries: DigestEntry[];
}

export interface DigestContent {
  person: Person;
  frequency: DigestFrequency;
  /** False when `frequency` is the default (the person never chose). */
  chosen: boolean;
  sections: DigestSection[];
}

export interface PendingItems {
  notifications: Notification[];
  hotseats: Hotseat[];
}

/** The person's visible entries, grouped by course (in the order courses first appear), empty sections left out. */
export async function visibleSections(ctx: CommandContext, person: Person, pending: PendingItems): Promise<DigestSection[]> {
  const courseIds = [...new Set([...pending.hotseats.map((h) => h.courseId), ...pending.notifications.map((n) => n.courseId)])];
  const sections: DigestSection[] = [];
  for (const courseId of courseIds) {
    const access = await accessTo(ctx, person.id, courseId);
    if (!access) continue;
    const now = ctx.now();
    const entries: DigestEntry[] = [];
    for (const hotseat of pending.hotseats.filter((h) => h.courseId === courseId).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())) {
      if (canSeeHotseat(access.actor, hotseat, now)) entries.push({ type: 'hotseat', key: hotseatItemKey(hotseat.id), hotseat });
    }
    const notifications = pending.notifications.filter((n) => n.courseId === courseId).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    for (const notification of notifications) {
      const entry = await notificationEntry(ctx, access.actor, notification, now);
      if (entry) entries.push(entry);
    }
    if (entries.length === 0) continue;
    const actors = entries.flatMap((e) => (e.type === 'notification' ? [{ authorId: e.notification.actorId }] : []));
    sections.push({ course: access.course, viewer: subjectOf(access.actor), directory: await loadDirectory(ctx, access.course, actors), entries });
  }
  return sections;
}

/** The person's access to the course now, exactly as a page request would resolve it; null when they have none. */
async function accessTo(ctx: CommandContext, personId: string, courseId: string): Promise<{ actor: Actor; course: Course } | null> {
  try {
    return await resolveActor(ctx, personId, courseId);
  } catch (error) {
    if (isAppError(error)) return null;
    throw error;
  }
}

function canSeeHotseat(actor: Actor, hotseat: Hotseat, now: Date): boolean {
  const phase = phaseAt(hotseat, now);
  if (phase !== 'scheduled' && phase !== 'collecting') return false;
  return canInHotseat({ personId: actor.person.id, role: actor.membership.role, isHost: false }, 'hotseat.view', { phase });
}

/** Hidden and deleted posts are left out for everyone, staff included: a digest is not a moderation tool. */
async function notificationEntry(ctx: CommandContext, actor: Actor, n: Notification, now: Date): Promise<DigestEntry | null> {
  const key = notificationItemKey(n.id);
  if (n.kind === 'hotseat-answer') {
    // threadId holds the hotseat's id and replyId the question's (domain/notifications.ts).
    const [hotseat, question] = await Promise.all([
      ctx.storage.hotseats.findById(n.courseId, n.threadId),
      n.replyId ? ctx.storage.hotseatQuestions.findById(n.courseId, n.replyId) : Promise.resolve(null),
    ]);
    if (!hotseat || !question || question.hidden) return null;
    const phase = phaseAt(hotseat, now);
    if (!canInHotseat({ personId: actor.person.id, role: actor.membership.role, isHost: false }, 'hotseat.view', { phase })) return null;
    return { type: 'notification', key, notification: n, thread: null, reply: null, hotseat };
  }
  const thread = await ctx.storage.threads.findById(n.courseId, n.threadId);
  if (!thread || thread.deletedAt || thread.hidden) return null;
  const reply = n.replyId ? await ctx.storage.replies.findById(n.courseId, n.replyId) : null;
  if (n.replyId && (!reply || reply.deletedAt || reply.hidden)) return null;
  return { type: 'notification', key, notification: n, thread, reply, hotseat: null };
}

/** The content restricted to the entries whose keys this run claimed. */
export function onlyClaimed(content: DigestContent, claimed: ReadonlySet<string>): DigestContent {
  const sections = content.sections
    .map((section) => ({ ...section, entries: section.entries.filter((e) => claimed.has(e.key)) }))
    .filter((section) => section.entries.length > 0);
  return { ...content, sections };
}
