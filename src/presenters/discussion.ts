import type { Reply, Thread } from '../domain/discussion';
import type { People } from '../commands/read-discussion';
import { presentPerson, type PersonView } from './person';
import { presentTime, type TimeView } from './time';

/**
 * The one shape of threads and replies, shared by pages, the JSON API and socket events, so that
 * what a person may see is decided in one place.
 */
export interface ThreadSummaryView {
  id: string;
  courseId: string;
  title: string;
  excerpt: string;
  author: PersonView;
  replyCount: number;
  createdAt: TimeView;
  lastActivityAt: TimeView;
  url: string;
}

export interface ThreadView extends ThreadSummaryView {
  bodyHtml: string;
}

export interface ReplyView {
  id: string;
  threadId: string;
  courseId: string;
  bodyHtml: string;
  author: PersonView;
  createdAt: TimeView;
}

export const threadUrl = (courseId: string, threadId: string) => `/c/${courseId}/discussion/threads/${threadId}`;

/** A plain-text preview of the body: first 180 characters of the rendered text. */
function excerpt(html: string): string {
  const text = html.replace(/<[^>]*>/g, ' ').replace(/&[#\w]+;/g, ' ').replace(/\s+/g, ' ').trim();
  return text.length > 180 ? `${text.slice(0, 179)}…` : text;
}

export function presentThreadSummary(thread: Thread, people: People): ThreadSummaryView {
  return {
    id: thread.id,
    courseId: thread.courseId,
    title: thread.title,
    excerpt: excerpt(thread.bodyHtml),
    author: presentPerson(people.get(thread.authorId)),
    replyCount: thread.replyCount,
    createdAt: presentTime(thread.createdAt),
    lastActivityAt: presentTime(thread.lastActivityAt),
    url: threadUrl(thread.courseId, thread.id),
  };
}

export function presentThread(thread: Thread, people: People): ThreadView {
  return { ...presentThreadSummary(thread, people), bodyHtml: thread.bodyHtml };
}

export function presentReply(reply: Reply, people: People): ReplyView {
  return {
    id: reply.id,
    threadId: reply.threadId,
    courseId: reply.courseId,
    bodyHtml: reply.bodyHtml,
    author: presentPerson(people.get(reply.authorId)),
    createdAt: presentTime(reply.createdAt),
  };
}
