import { performance } from 'node:perf_hooks';
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

/** Staff first, so learners see who can answer; then by name. */
const byRoleThenName = (a: PresenceEntry, b: PresenceEntry) => (a.role === b.role ? a.name.localeCompare(b.name) : a.role === 'staff' ? -1 : 1);

/** Everyone here in a course, in the order shown, as last taken from the room. */
interface Roster {
  at: number;
  everyone: PresenceEntry[];
  ids: Set<string>;
}

const shown = (roster: Roster): PresenceList => ({ people: roster.everyone.slice(0, PRESENCE_NAMES_SHOWN), total: roster.everyone.length });

export class Presence {
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly recent = new Map<string, Promise<Roster>>();

  constructor(private readonly io: Server) {}

  /** Who is here now, taken from the room's sockets (every process's, with an adapter). */
  async list(courseId: string): Promise<PresenceList> {
    return shown(await this.take(courseId));
  }

  /**
   * The list a join answer carries, the joining person included. Taking the list visits every socket of
   * the room, so a class arriving at once would cost O(N) per join and O(N²) in all; instead a list at
   * most PRESENCE_INTERVAL_MS old is reused, with each joining person added to it. Leaving is not seen
   * in it, but the join itself calls `changed`, whose announcement (taken fresh) follows within that
   * interval and corrects the page.
   */
  async listForJoin(courseId: string, joining: PresenceEntry | undefined): Promise<PresenceList> {
    const cached = this.recent.get(courseId);
    const recent = cached ? await cached.catch(() => null) : null;
    if (!recent || performance.now() - recent.at >= PRESENCE_INTERVAL_MS) return this.list(courseId);
    if (joining && !recent.ids.has(joining.personId)) {
      const at = recent.everyone.findIndex((entry) => byRoleThenName(joining, entry) < 0);
      recent.everyone.splice(at < 0 ? recent.everyone.length : at, 0, joining);
      recent.ids.add(joining.personId);
    }
    return shown(recent);
  }

  private take(courseId: string): Promise<Roster> {
    const taking = this.io.in(courseRoom(courseId)).fetchSockets().then((sockets) => {
      const byPerson = new Map<string, PresenceEntry>();
      for (const socket of sockets) {
        const entry = (socket.data as { presence?: Record<string, PresenceEntry> }).presence?.[courseId];
        if (entry) byPerson.set(entry.personId, entry);
      }
      return { at: performance.now(), everyone: [...byPerson.values()].sort(byRoleThenName), ids: new Set(byPerson.keys()) };
    });
    this.recent.set(courseId, taking);
    taking.catch(() => { if (this.recent.get(courseId) === taking) this.recent.delete(courseId); });
    return taking;
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
    this.recent.clear();
  }
}
