import type { Directory } from '../commands/discussion/directory';
import type { ViewerState } from '../commands/discussion/read';
import type { Reply, Thread, ThreadKind } from '../domain/discussion';
import { isResolved } from '../domain/discussion';
import { can, type Subject, type Target } from '../policies/can';
import { presentAuthor, type AuthorView } from './authors';
import { presentTime, type TimeView } from './time';

/**
 * The one shape of threads and replies, shared by pages, the JSON API and socket events, so that
 * what a person may see (authors, hidden posts, actions offered) is decided in one place.
 *
 * The English words here (kindLabel, a deleted thread's title and excerpt) are for JSON clients;
 * pages never show them: the templates say `kind` and `deleted` in the viewer's language.
 */
export const KIND_LABELS: Record<ThreadKind, string> = { discussion: 'Discussion', question: 'Question', announcement: 'Announcement' };

export interface ThreadSummaryView {
  id: string;
  courseId: string;
  kind: ThreadKind;
  kindLabel: string;
  title: string;
  excerpt: string;
  author: AuthorView | null;
  tags: Array<{ id: string; name: string }>;
  replyCount: number;
  answerCount: number;
  voteCount: number;
  pinned: boolean;
  locked: boolean;
  hidden: boolean;
  deleted: boolean;
  isQuestion: boolean;
  resolved: boolean;
  createdAt: TimeView;
  lastActivityAt: TimeView;
  url: string;
  voted: boolean;
  following: boolean;
  unread: boolean;
}

export interface PostPermissions {
  canEdit: boolean;
  canDelete: boolean;
  canReport: boolean;
  canHide: boolean;
  canVote: boolean;
}

export interface ThreadView extends ThreadSummaryView {
  bodyHtml: string | null;
  edited: boolean;
  permissions: PostPermissions & { canPin: boolean; canLock: boolean; canReply: boolean; canSeeHistory: boolean; canAccept: boolean };
}

export interface ReplyView {
  id: string;
  threadId: string;
  courseId: string;
  parentId: string | null;
  bodyHtml: string | null;
  author: AuthorView | null;
  deleted: boolean;
  hidden: boolean;
  edited: boolean;
  voteCount: number;
  voted: boolean;
  endorsed: boolean;
  accepted: boolean;
  createdAt: TimeView;
  permissions: PostPermissions & { canEndorse: boolean; canAccept: boolean; canComment: boolean; canSeeHistory: boolean };
  comments: ReplyView[];
}

export const threadUrl = (courseId: string, threadId: string) => `/c/${courseId}/discussion/threads/${threadId}`;

const NO_STATE: ViewerState = { voted: new Set(), following: new Set(), lastReads: new Map() };

/** What any post offers this viewer, whichever kind it is. */
function postPermissions(viewer: Subject, target: Target): PostPermissions {
  return {
    canEdit: can(viewer, 'post.edit', target),
    canDelete: can(viewer, 'post.delete', target),
    // Reporting needs a person behind the viewer: broadcast audiences are nobody in particular.
    canReport: can(viewer, 'post.report', target) && viewer.personId !== '',
    canHide: can(viewer, 'post.hide', target),
    canVote: can(viewer, 'post.vote', target),
  };
}

/** A plain-text preview of the body: first 180 characters of the rendered text. */
function excerpt(html: string): string {
  const text = html.replace(/<annotation[^>]*>[\s\S]*?<\/annotation>/g, '').replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ').trim();
  return text.length > 180 ? `${text.slice(0, 179)}…` : text;
}

export function presentThreadSummary(thread: Thread, viewer: Subject, directory: Directory, state: ViewerState = NO_STATE): ThreadSummaryView {
  const deleted = thread.deletedAt !== null;
  const lastRead = state.lastReads.get(thread.id);
  return {
    id: thread.id,
    courseId: thread.courseId,
    kind: thread.kind,
    kindLabel: KIND_LABELS[thread.kind],
    title: deleted ? 'Deleted thread' : thread.title,
    excerpt: deleted ? 'The author deleted this thread; its replies remain.' : excerpt(thread.bodyHtml),
    author: deleted ? null : presentAuthor(thread, viewer, directory),
    tags: thread.tagIds.map((id) => directory.tags.get(id)).filter((t) => t !== undefined).map((t) => ({ id: t.id, name: t.name })),
    replyCount: thread.replyCount,
    answerCount: thread.answerCount,
    voteCount: thread.voteCount,
    pinned: thread.pinned,
    locked: thread.locked,
    hidden: thread.hidden,
    deleted,
    isQuestion: thread.kind === 'question',
    resolved: isResolved(thread),
    createdAt: presentTime(thread.createdAt),
    lastActivityAt: presentTime(thread.lastActivityAt),
    url: threadUrl(thread.courseId, thread.id),
    voted: state.voted.has(thread.id),
    following: state.following.has(thread.id),
    unread: viewer.personId !== '' && (!lastRead || lastRead < thread.lastActivityAt),
  };
}

export function presentThread(thread: Thread, viewer: Subject, directory: Directory, state: ViewerState = NO_STATE): ThreadView {
  const deleted = thread.deletedAt !== null;
  const target = { courseId: thread.courseId, authorId: thread.authorId, deleted, locked: thread.locked };
  return {
    ...presentThreadSummary(thread, viewer, directory, state),
    unread: false,
    bodyHtml: deleted ? null : thread.bodyHtml,
    edited: thread.editedAt !== null && !deleted,
    permissions: {
      ...postPermissions(viewer, target),
      canPin: can(viewer, 'thread.pin', target) && !deleted,
      canLock: can(viewer, 'thread.lock', target) && !deleted,
      canReply: can(viewer, 'reply.create', target) && !deleted,
      canSeeHistory: can(viewer, 'post.history', target),
      canAccept: thread.kind === 'question' && can(viewer, 'answer.accept', target),
    },
  };
}

export function presentReply(reply: Reply, thread: Thread, viewer: Subject, directory: Directory, state: ViewerState = NO_STATE): ReplyView {
  const deleted = reply.deletedAt !== null;
  const target = { courseId: reply.courseId, authorId: reply.authorId, deleted, locked: thread.locked };
  const isAnswer = reply.parentId === null;
  return {
    id: reply.id,
    threadId: reply.threadId,
    courseId: reply.courseId,
    parentId: reply.parentId,
    bodyHtml: deleted ? null : reply.bodyHtml,
    author: deleted ? null : presentAuthor(reply, viewer, directory),
    deleted,
    hidden: reply.hidden,
    edited: reply.editedAt !== null && !deleted,
    voteCount: reply.voteCount,
    voted: state.voted.has(reply.id),
    endorsed: reply.endorsedBy !== null,
    accepted: thread.acceptedReplyId === reply.id,
    createdAt: presentTime(reply.createdAt),
    permissions: {
      ...postPermissions(viewer, target),
      canEndorse: isAnswer && !deleted && can(viewer, 'post.endorse', target),
      canAccept: isAnswer && !deleted && thread.kind === 'question' && can(viewer, 'answer.accept', { courseId: thread.courseId, authorId: thread.authorId }),
      canComment: isAnswer && !deleted && can(viewer, 'reply.create', target) && thread.deletedAt === null,
      canSeeHistory: can(viewer, 'post.history', target),
    },
    comments: [],
  };
}

/** Replies as a two-level tree: answers in order, each with its comments in order. */
export function presentReplyTree(replies: readonly Reply[], thread: Thread, viewer: Subject, directory: Directory, state: ViewerState = NO_STATE): ReplyView[] {
  const top: ReplyView[] = [];
  const byId = new Map<string, ReplyView>();
  for (const reply of replies) {
    const view = presentReply(reply, thread, viewer, directory, state);
    byId.set(reply.id, view);
    if (reply.parentId === null) top.push(view);
    else byId.get(reply.parentId)?.comments.push(view);
  }
  return top;
}
