import type { Id } from './ids';
import type { SpaceKind } from './course';

/**
 * Something that happened in a course, recorded in the same transaction as the change itself.
 * The store gives each event an increasing number; a client that reconnects asks for the
 * events after the last number it saw, so nothing is missed between two connections.
 */
export type ThreadChange = 'edited' | 'deleted' | 'pinned' | 'unpinned' | 'locked' | 'unlocked' | 'hidden' | 'shown' | 'voted' | 'resolved' | 'unresolved';
export type ReplyChange = 'edited' | 'deleted' | 'hidden' | 'shown' | 'voted' | 'endorsed' | 'unendorsed' | 'accepted' | 'unaccepted';

export type HotseatChange = 'created' | 'edited' | 'phase' | 'answering' | 'hosts';
export type QuestionChange =
  | 'edited' | 'withdrawn' | 'approved' | 'declined' | 'hidden' | 'shown' | 'answered' | 'dismissed' | 'reopened' | 'merged' | 'followUp' | 'converted';

export type HotseatEventData =
  | { type: 'hotseat.changed'; hotseatId: Id; change: HotseatChange }
  | { type: 'question.created'; hotseatId: Id; questionId: Id }
  | { type: 'question.changed'; hotseatId: Id; questionId: Id; change: QuestionChange };

export type DiscussionEventData =
  | { type: 'thread.created'; threadId: Id }
  | { type: 'thread.changed'; threadId: Id; change: ThreadChange }
  | { type: 'reply.created'; threadId: Id; replyId: Id }
  | { type: 'reply.changed'; threadId: Id; replyId: Id; change: ReplyChange };

export type CourseEventData = DiscussionEventData | HotseatEventData;

export type CourseEvent = CourseEventData & {
  courseId: Id;
  space: SpaceKind;
  actorId: Id;
};

export type StoredCourseEvent = CourseEvent & {
  seq: number;
  createdAt: Date;
};

export type StoredDiscussionEvent = StoredCourseEvent & DiscussionEventData;
export type StoredHotseatEvent = StoredCourseEvent & HotseatEventData;

export function isHotseatEvent(event: StoredCourseEvent): event is StoredHotseatEvent {
  return 'hotseatId' in event;
}
