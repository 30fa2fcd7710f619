import type { Id } from './ids';

/** A conversation in a course's discussion room. The body is kept as written and as sanitised HTML. */
export interface Thread {
  id: Id;
  courseId: Id;
  authorId: Id;
  title: string;
  bodySource: string;
  bodyHtml: string;
  replyCount: number;
  createdAt: Date;
  lastActivityAt: Date;
}

export interface Reply {
  id: Id;
  courseId: Id;
  threadId: Id;
  authorId: Id;
  bodySource: string;
  bodyHtml: string;
  createdAt: Date;
}

export const LIMITS = {
  titleMax: 200,
  bodyMax: 20_000,
} as const;
