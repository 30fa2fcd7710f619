import type { CommandContext } from '../commands/context';
import { loadForEvent } from '../commands/discussion/read';
import { isHotseatEvent, type StoredCourseEvent, type StoredDiscussionEvent } from '../domain/events';
import { can, type Subject } from '../policies/can';
import { presentReply, presentThread, presentThreadSummary, type ReplyView, type ThreadSummaryView } from '../presenters/discussion';
import { presentAnonymityChoices } from '../presenters/room';
import type { Templates } from '../rendering/templates';

/**
 * A stored course event as one kind of viewer receives it: the presenter's view of what changed,
 * the same HTML fragments the pages render (so a live post looks exactly like a loaded one), and
 * the event number the client keeps to resume after a disconnection. Used for broadcast and for
 * replay, so both say the same thing. Hidden posts reach learners only as a removal.
 */
export interface LiveEvent {
  seq: number;
  courseId: string;
  type: StoredCourseEvent['type'];
  change: string | null;
  threadId: string;
  replyId: string | null;
  parentId: string | null;
  /** The viewer may no longer see this post (hidden): remove it. */
  removed: boolean;
  thread: ThreadSummaryView | null;
  reply: ReplyView | null;
  threadItemHtml: string | null;
  threadHeadHtml: string | null;
  replyHtml: string | null;
}

/** What every audience's view of an event is made from; loaded once per event, then presented per audience. */
export interface LiveSource {
  event: StoredDiscussionEvent;
  loaded: NonNullable<Awaited<ReturnType<typeof loadForEvent>>>;
  anonymity: ReturnType<typeof presentAnonymityChoices>;
}

export async function loadLiveSource(ctx: CommandContext, event: StoredDiscussionEvent): Promise<LiveSource | null> {
  const replyId = 'replyId' in event ? event.replyId : undefined;
  const [loaded, settings] = await Promise.all([
    loadForEvent(ctx, event.courseId, event.threadId, replyId),
    ctx.storage.settings.get(event.courseId, ctx.now()),
  ]);
  return loaded ? { event, loaded, anonymity: presentAnonymityChoices(settings.anonymity) } : null;
}

export async function presentLive(templates: Templates, source: LiveSource, viewer: Subject): Promise<LiveEvent> {
  const { event, anonymity } = source;
  const { thread, reply, directory } = source.loaded;
  const base: LiveEvent = {
    seq: event.seq, courseId: event.courseId, type: event.type, change: 'change' in event ? event.change : null,
    threadId: thread.id, replyId: reply?.id ?? null, parentId: reply?.parentId ?? null, removed: false,
    thread: null, reply: null, threadItemHtml: null, threadHeadHtml: null, replyHtml: null,
  };
  const seesHidden = can(viewer, 'post.seeHidden', { courseId: event.courseId });
  if (!seesHidden && (thread.hidden || reply?.hidden)) return { ...base, removed: true };

  const summary = presentThreadSummary(thread, viewer, directory);
  // Fragments carry no CSRF token: the page fills in its own before showing them.
  const fragmentRoot = { csrfToken: '', anonymity, formTarget: null };
  const payload: LiveEvent = {
    ...base,
    thread: summary,
    threadItemHtml: await templates.renderPartial('thread-item', { ...summary, ...fragmentRoot }),
  };
  if (event.type === 'thread.changed' || event.type === 'thread.created') {
    payload.threadHeadHtml = await templates.renderPartial('thread-head', { ...presentThread(thread, viewer, directory), ...fragmentRoot });
  }
  if (reply) {
    const view = presentReply(reply, thread, viewer, directory);
    payload.reply = view;
    payload.replyHtml = await templates.renderPartial('reply', { ...view, ...fragmentRoot });
  }
  return payload;
}

/** One event as one viewer sees it (replay after a reconnection). */
export async function toLiveEvent(ctx: CommandContext, templates: Templates, event: StoredCourseEvent, viewer: Subject): Promise<LiveEvent | null> {
  // A hotseat page rejoins its hotseat and gets a fresh snapshot, so the room replays only its own events.
  if (isHotseatEvent(event)) return null;
  const source = await loadLiveSource(ctx, event);
  return source ? presentLive(templates, source, viewer) : null;
}
