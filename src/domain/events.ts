import type { Id } from './ids';
import type { SpaceKind } from './course';

/**
 * Something that happened in a course, recorded in the same transaction as the change itself.
 * The store gives each event an increasing number; a client that reconnects asks for the
 * events after the last number it saw, so nothing is missed between two connections.
 */
export type ThreadChange = 'edited' | 'deleted' | 'pinned' | 'unpinned' | 'locked' | 'unlocked' | 'hidden' | 'shown' | 'voted' | 'resolved' | 'unresolved';
export type ReplyChange = 'edited' | 'deleted' | 'hidden' | 'shown' | 'voted' | 'endorsed' | 'unendorsed' | 'accepted' | 'unaccepted';

export type CourseEventData =
  | { type: 'thread.created'; threadId: Id }
  | { type: 'thread.changed'; threadId: Id; change: ThreadChange }
  | { type: 'reply.created'; threadId: Id; replyId: Id }
  | { type: 'reply.changed'; threadId: Id; replyId: Id; change: ReplyChange };

export type CourseEvent = CourseEventData & {
  courseId: Id;
  space: SpaceKind;
  actorId: Id;
};

export type StoredCourseEvent = CourseEvent & {
  seq: number;
  createdAt: Date;
};
