import type { Server } from 'socket.io';
import { courseRoom, type PresenceEntry } from './protocol';

/**
 * "Who is here now" per course, computed from the sockets in the course room (on every process
 * when an adapter is configured) and announced at most twice a second per course, so 300 people
 * arriving at once cost a handful of broadcasts rather than 300.
 */
const PRESENCE_INTERVAL_MS = 500;
/** Names shown at most; beyond that, a count (a lecture hall of names helps nobody and costs every join). */
export const PRESENCE_NAMES_SHOWN = 60;

export interface PresenceList {
  people: PresenceEntry[];
  total: number;
}

export class Presence {
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(private readonly io: Server) {}

  async list(courseId: string): Promise<PresenceList> {
    const sockets = await this.io.in(courseRoom(courseId)).fetchSockets();
    const byPerson = new Map<string, PresenceEntry>();
    for (const socket of sockets) {
      const entry = (socket.data as { presence?: Record<string, PresenceEntry> }).presence?.[courseId];
      if (entry) byPerson.set(entry.personId, entry);
    }
    // Staff first, so learners see who can answer; then by name.
    const everyone = [...byPerson.values()].sort((a, b) => (a.role === b.role ? a.name.localeCompare(b.name) : a.role === 'staff' ? -1 : 1));
    return { people: everyone.slice(0, PRESENCE_NAMES_SHOWN), total: everyone.length };
  }

  /** Announces the course's presence list soon, merging bursts of joins and leaves. */
  changed(courseId: string): void {
    if (this.pending.has(courseId)) return;
    this.pending.set(courseId, setTimeout(() => {
      this.pending.delete(courseId);
      this.list(courseId)
        .then((list) => this.io.to(courseRoom(courseId)).emit('course:presence', { courseId, ...list }))
        .catch(() => undefined);
    }, PRESENCE_INTERVAL_MS));
  }

  stop(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }
}
