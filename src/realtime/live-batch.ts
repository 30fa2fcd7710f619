import type { Server } from 'socket.io';
import type { LiveEvent } from './live-events';
import { performance } from 'node:perf_hooks';

/**
 * One course event, presented for every audience and ready to send. `peers` holds the versions that go
 * to role rooms (every viewer there but the author); `own` is the author's version, for the author's
 * person room only; `author.audience` is the role room whose version the author's sockets would get of
 * someone else's event (their role, in the language of their latest launch).
 */
export interface ReadyLiveEvent {
  seq: number;
  courseId: string;
  peers: ReadonlyMap<string, LiveEvent>;
  author: { room: string; audience: string; own: LiveEvent } | null;
}

/** Above this share of busy time since the previous flush, the next one waits longer (see LiveBatcher). */
const BUSY_UTILIZATION = 0.7;
const BUSY_QUIET_FACTOR = 2;

/**
 * Sends course events in batches under load, with no delay when the process keeps up. Each socket
 * write costs about the same whatever it carries, and with a big room online it is most of a post's
 * cost (one write per viewer per event), so events queued together leave as ONE frame per socket:
 * `course:event` for a single event, as before, `course:events` (an array in `seq` order) for several.
 *
 * When to send: a flush that took D ms (the synchronous writes to every socket) is followed by at least
 * D ms for everything else before the next one, and by 2·D when the event loop was busy more than 70%
 * of the time since the flush before (each write also costs a completion callback later, which D does
 * not count). What becomes ready meanwhile leaves together. At 1,000 viewers D is ≈ 7 ms: at 50 posts/s
 * (one every 20 ms) events hardly ever wait; at 100–125 posts/s they wait a few ms and leave in twos
 * and threes, which roughly halves the writes and keeps the process answering posts and pages. An event
 * that finds no such wait goes out at the end of its turn of the event loop (`setImmediate`), after
 * the request that caused it has been answered. (Measured in docs/performance.md, "Batching".)
 *
 * What each viewer receives is exactly what it would get event by event: peers get the peers' versions
 * (authors of the batch's events are left out of those frames), and each author gets one frame of their
 * own, with their version of their own events and their audience's version of the others'. Nobody but
 * the author receives the author's version, so an anonymous author stays anonymous. (One difference: an
 * author whose sockets speak several languages gets the others' events of a batch in the language of
 * their latest launch, as their own events always were.)
 */
export class LiveBatcher {
  private readonly pending = new Map<string, ReadyLiveEvent[]>();
  /** The flush to come, if one is scheduled. */
  private next: { cancel(): void } | null = null;
  /** performance.now() before which no flush starts (the previous flush's end plus its duration). */
  private quietUntil = -Infinity;
  /** The event loop's busy and idle time at the last flush, to tell how busy it has been since. */
  private loopAtLastFlush = performance.eventLoopUtilization();

  constructor(private readonly io: Server) {}

  add(event: ReadyLiveEvent): void {
    const queue = this.pending.get(event.courseId);
    if (queue) queue.push(event);
    else this.pending.set(event.courseId, [event]);
    if (this.next) return;
    const wait = this.quietUntil - performance.now();
    if (wait <= 0) {
      const immediate = setImmediate(() => this.flush());
      this.next = { cancel: () => clearImmediate(immediate) };
    } else {
      const timer = setTimeout(() => this.flush(), wait);
      this.next = { cancel: () => clearTimeout(timer) };
    }
  }

  /** Sends everything queued now (also used when stopping, so nothing committed is dropped). */
  flush(): void {
    this.next?.cancel();
    this.next = null;
    const started = performance.now();
    const courses = [...this.pending.values()];
    this.pending.clear();
    for (const events of courses) {
      events.sort((a, b) => a.seq - b.seq);
      if (events.length === 1 || !this.sendBatch(events)) for (const event of events) this.sendOne(event);
    }
    const ended = performance.now();
    const loopSinceLastFlush = performance.eventLoopUtilization(this.loopAtLastFlush);
    this.loopAtLastFlush = performance.eventLoopUtilization();
    const busy = loopSinceLastFlush.utilization > BUSY_UTILIZATION;
    this.quietUntil = ended + (busy ? BUSY_QUIET_FACTOR : 1) * (ended - started);
  }

  /** One event: the frames of before batching, in the same order (peers, then the author). */
  private sendOne(event: ReadyLiveEvent): void {
    const except = event.author ? [event.author.room] : [];
    for (const [room, payload] of event.peers) this.io.to(room).except(except).emit('course:event', payload);
    if (event.author) this.io.to(event.author.room).emit('course:event', event.author.own);
  }

  /**
   * Several events of one course. Returns false, having sent nothing, when an author's frame cannot be
   * made (their audience's version of another event was not rendered: no socket of theirs listens in
   * that room), so the caller sends the events one by one instead.
   */
  private sendBatch(events: ReadyLiveEvent[]): boolean {
    const authors = new Map<string, string>();
    for (const event of events) if (event.author && !authors.has(event.author.room)) authors.set(event.author.room, event.author.audience);
    const authorFrames: Array<[string, LiveEvent[]]> = [];
    for (const [room, audience] of authors) {
      const frame: LiveEvent[] = [];
      for (const event of events) {
        const payload = event.author?.room === room ? event.author.own : event.peers.get(audience);
        if (!payload) return false;
        frame.push(payload);
      }
      authorFrames.push([room, frame]);
    }
    const except = [...authors.keys()];
    const rooms = new Set<string>();
    for (const event of events) for (const room of event.peers.keys()) rooms.add(room);
    for (const room of rooms) {
      // A room missing from an event's versions had no listener when that event was presented.
      const frame = events.flatMap((event) => event.peers.get(room) ?? []);
      this.emit(this.io.to(room).except(except), frame);
    }
    for (const [room, frame] of authorFrames) this.emit(this.io.to(room), frame);
    return true;
  }

  private emit(target: { emit: (event: string, payload: unknown) => unknown }, frame: LiveEvent[]): void {
    if (frame.length === 1) target.emit('course:event', frame[0]);
    else if (frame.length > 1) target.emit('course:events', frame);
  }
}

