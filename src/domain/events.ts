import type { Id } from './ids';
import type { SpaceKind } from './course';

/**
 * Something that happened in a course, recorded in the same transaction as the change itself.
 * The store gives each event an increasing number; a client that reconnects asks for the
 * events after the last number it saw, so nothing is missed between two connections.
 */
export type CourseEventData =
  | { type: 'thread.created'; threadId: Id }
  | { type: 'reply.created'; threadId: Id; replyId: Id };

export type CourseEvent = CourseEventData & {
  courseId: Id;
  space: SpaceKind;
  actorId: Id;
};

export type StoredCourseEvent = CourseEvent & {
  seq: number;
  createdAt: Date;
};
