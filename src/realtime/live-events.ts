import type { CommandContext } from '../commands/context';
import { loadForEvent } from '../commands/discussion/read';
import { isHotseatEvent, type StoredCourseEvent, type StoredDiscussionEvent } from '../domain/events';
import { can, type Subject } from '../policies/can';
import { presentReply, presentThread, presentThreadSummary } from '../presenters/discussion';
import { presentAnonymityChoices } from '../presenters/room';
import type { Templates } from '../rendering/templates';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locales';
import { translator } from '../i18n/translate';
import { authorName as nameInLanguage } from '../presenters/authors';

/**
 * A stored course event as one kind of viewer receives it: the same HTML fragments the pages render
 * (so a live post looks exactly like a loaded one), the few facts the page's script reads beside them,
 * and the event number the client keeps to resume after a disconnection. Used for broadcast and for
 * replay, so both say the same thing. Hidden posts reach learners only as a removal.
 *
 * Every byte here is sent to every viewer online, so the frame carries nothing nobody reads: the
 * presenters' full views (which repeat the fragments' content) stay with the pages and the JSON API.
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
  thread: LiveThread | null;
  reply: LiveReply | null;
  threadItemHtml: string | null;
  threadHeadHtml: string | null;
  replyHtml: string | null;
}

/** What the page's script reads of a thread besides its fragments: the title it announces, the reply count it shows. */
export interface LiveThread {
  id: string;
  title: string;
  replyCount: number;
}

/** What the script reads of a reply: the name it announces a new reply by (the presenter's, so a pseudonym where the viewer may not see the author's). */
export interface LiveReply {
  id: string;
  authorName: string | null;
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

/**
 * Renders fragments for one event. Viewers whose view of a fragment is the same (staff and learners on a
 * named post's list item, say) share one rendering: the key is the whole view handed to the template,
 * so two audiences share only what the template would render identically from identical data.
 */
export type FragmentRenderer = (partial: string, context: Record<string, unknown>) => Promise<string>;

export function sharedFragments(templates: Templates): FragmentRenderer {
  const rendered = new Map<string, Promise<string>>();
  return (partial, context) => {
    const key = `${partial}\n${JSON.stringify(context)}`;
    let html = rendered.get(key);
    if (!html) {
      html = templates.renderPartial(partial, context);
      rendered.set(key, html);
    }
    return html;
  };
}

export async function presentLive(
  templates: Templates, source: LiveSource, viewer: Subject, render: FragmentRenderer = templates.renderPartial, locale: Locale = DEFAULT_LOCALE,
): Promise<LiveEvent> {
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
  // Fragments carry no CSRF token: the page fills in its own before showing them. They speak the viewer's language.
  const fragmentRoot = { csrfToken: '', anonymity, formTarget: null, locale };
  const payload: LiveEvent = {
    ...base,
    thread: { id: summary.id, title: summary.title, replyCount: summary.replyCount },
    threadItemHtml: await render('thread-item', { ...summary, ...fragmentRoot }),
  };
  // A thread's head only replaces the head on that thread's page. No page can show a thread older than
  // its creation (a page loaded after the commit has this event's seq already), so `thread.created` needs none.
  if (event.type === 'thread.changed') {
    payload.threadHeadHtml = await render('thread-head', { ...presentThread(thread, viewer, directory), ...fragmentRoot });
  }
  if (reply) {
    const view = presentReply(reply, thread, viewer, directory);
    // Named in the viewer's language where Agora words the name (a pseudonym, a former member).
    payload.reply = { id: view.id, authorName: view.author ? nameInLanguage(view.author, translator(locale)) : null };
    payload.replyHtml = await render('reply', { ...view, ...fragmentRoot });
  }
  return payload;
}

/** One event as one viewer sees it, in their language (replay after a reconnection). */
export async function toLiveEvent(ctx: CommandContext, templates: Templates, event: StoredCourseEvent, viewer: Subject, locale: Locale = DEFAULT_LOCALE): Promise<LiveEvent | null> {
  // A hotseat page rejoins its hotseat and gets a fresh snapshot, so the room replays only its own events.
  if (isHotseatEvent(event)) return null;
  const source = await loadLiveSource(ctx, event);
  return source ? presentLive(templates, source, viewer, templates.renderPartial, locale) : null;
}
