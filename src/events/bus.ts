import { EventEmitter } from 'node:events';
import type { StoredCourseEvent } from '../domain/events';
import type { Notification } from '../domain/notifications';

export interface HotseatVoteSignal {
  courseId: string;
  hotseatId: string;
  questionId: string;
}

/**
 * In-process, typed event bus. Commands publish only after their transaction has committed, so a
 * subscriber (the socket broadcaster) can never announce something that is not durably stored.
 */
export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One subscriber per realtime server and per test listener; no leak to warn about.
    this.emitter.setMaxListeners(0);
  }

  publish(event: StoredCourseEvent): void {
    this.emitter.emit('course-event', event);
  }

  subscribe(listener: (event: StoredCourseEvent) => void): () => void {
    this.emitter.on('course-event', listener);
    return () => this.emitter.off('course-event', listener);
  }

  publishNotifications(notifications: readonly Notification[]): void {
    if (notifications.length > 0) this.emitter.emit('notifications', notifications);
  }

  /**
   * Votes are not course events (a storm of them would flood the event log): a committed vote
   * is announced here and the broadcaster coalesces them into ranking updates.
   */
  publishHotseatVote(vote: HotseatVoteSignal): void {
    this.emitter.emit('hotseat-vote', vote);
  }

  subscribeHotseatVotes(listener: (vote: HotseatVoteSignal) => void): () => void {
    this.emitter.on('hotseat-vote', listener);
    return () => this.emitter.off('hotseat-vote', listener);
  }

  subscribeNotifications(listener: (notifications: readonly Notification[]) => void): () => void {
    this.emitter.on('notifications', listener);
    return () => this.emitter.off('notifications', listener);
  }
}
