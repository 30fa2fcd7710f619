import type { Id } from './ids';

/**
 * Why someone is told about something: a reply to their post, an answer to their question,
 * staff endorsing their answer, a mention, or an announcement in their course.
 */
export type NotificationKind = 'reply' | 'answer' | 'endorsement' | 'accepted' | 'mention' | 'announcement' | 'hotseat-answer' | 'ask-alumni' | 'routed';

/**
 * For a hotseat notification ('hotseat-answer'), threadId holds the hotseat's id and replyId the
 * question's: the same two slots, read by kind.
 */
export interface Notification {
  id: Id;
  personId: Id;
  courseId: Id;
  kind: NotificationKind;
  threadId: Id;
  replyId: Id | null;
  /** Who caused it; presented with the same anonymity as the post it points to. */
  actorId: Id;
  createdAt: Date;
  readAt: Date | null;
}

export interface Report {
  id: Id;
  courseId: Id;
  postKind: 'thread' | 'reply';
  postId: Id;
  threadId: Id;
  reporterId: Id;
  reason: string;
  createdAt: Date;
  resolvedAt: Date | null;
  resolvedBy: Id | null;
}
