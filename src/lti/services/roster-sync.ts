import type { Logger } from 'pino';
import { newId } from '../../domain/ids';
import { storeMessage } from '../../i18n/stored-message';
import type { NestedMessage } from '../../i18n/translate';
import { courseRoleFromLti } from '../../domain/roles';
import type { Storage } from '../../storage/ports';
import type { ServiceTokens } from './access-tokens';
import { ServiceError } from './http';
import { fetchRoster, isActive, NRPS_SCOPE, type RosterMember } from './names-roles';

/**
 * Keeps each course's members in line with the LMS roster (Names and Role Provisioning):
 * - members the roster lists appear in Agora before their first launch (mentions, people list);
 * - members it no longer lists, or lists as inactive, are marked removed and lose access;
 * - it runs when staff launch (at most every STAFF_LAUNCH_MIN_INTERVAL_MS per course) and for every
 *   course on a schedule; a claim in the store keeps two processes from syncing one course at once;
 * - the outcome (time, member count, or the failure in one sentence) is stored and shown to staff,
 *   the sentence as a catalog key with parameters so each reads it in their language.
 * A failed or empty read changes no membership: nobody is removed because the LMS was down.
 */
export const STAFF_LAUNCH_MIN_INTERVAL_MS = 5 * 60 * 1000;
export const SCHEDULED_INTERVAL_MS = 6 * 60 * 60 * 1000;
/** How long one sync may hold its claim before another process may take over. */
const CLAIM_MS = 10 * 60 * 1000;

export type SyncOutcome =
  | { status: 'synced'; memberCount: number; removed: number }
  | { status: 'failed'; error: NestedMessage }
  | { status: 'skipped'; reason: 'no-roster-service' | 'already-running' | 'recently-synced' };

export class RosterSync {
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly storage: Storage,
    private readonly tokens: ServiceTokens,
    private readonly logger: Logger,
    private readonly now: () => Date,
  ) {}

  /** Syncs the course now (staff pressed "Sync now", or a test), unless a sync of it is already running. */
  async syncCourse(courseId: string): Promise<SyncOutcome> {
    const services = await this.storage.ltiServices.find(courseId);
    if (!services?.membershipsUrl) return { status: 'skipped', reason: 'no-roster-service' };
    const startedAt = this.now();
    if (!(await this.storage.ltiServices.claimRosterSync(courseId, startedAt, new Date(startedAt.getTime() + CLAIM_MS)))) {
      return { status: 'skipped', reason: 'already-running' };
    }
    try {
      const token = await this.tokens.token(services.issuer, services.clientId, [NRPS_SCOPE]);
      let members: RosterMember[];
      try {
        members = await fetchRoster(services.membershipsUrl, token);
      } catch (error) {
        // A token the LMS no longer accepts (revoked, rotated keys): forget it so the next run asks anew.
        if (error instanceof ServiceError && (error.status === 401 || error.status === 403)) this.tokens.forget(services.issuer, services.clientId, [NRPS_SCOPE]);
        throw error;
      }
      const active = members.filter(isActive);
      if (active.length === 0) throw new ServiceError('ltiServices.emptyRoster');
      const removed = await this.apply(courseId, services.issuer, active);
      await this.storage.ltiServices.recordRosterSync(courseId, { ok: true, at: this.now(), memberCount: active.length });
      return { status: 'synced', memberCount: active.length, removed };
    } catch (error) {
      const problem: NestedMessage = error instanceof ServiceError ? error.toMessage() : { key: 'ltiServices.rosterInternalError' };
      if (!(error instanceof ServiceError)) this.logger.error({ err: error, courseId }, 'roster sync failed');
      await this.storage.ltiServices.recordRosterSync(courseId, { ok: false, at: this.now(), error: storeMessage(problem) });
      return { status: 'failed', error: problem };
    }
  }

  /** A staff member launched: sync in the background unless the course was synced a moment ago. */
  requestAfterStaffLaunch(courseId: string): void {
    this.track((async () => {
      const services = await this.storage.ltiServices.find(courseId);
      const last = services?.roster.lastAttemptAt?.getTime() ?? -Infinity;
      if (this.now().getTime() - last < STAFF_LAUNCH_MIN_INTERVAL_MS) return;
      await this.syncCourse(courseId);
    })());
  }

  /** Syncs every course whose last attempt is older than the interval (the scheduler's tick). */
  async syncDue(limit = 50): Promise<number> {
    const due = await this.storage.ltiServices.listDueForRosterSync(new Date(this.now().getTime() - SCHEDULED_INTERVAL_MS), limit);
    for (const courseId of due) await this.syncCourse(courseId);
    return due.length;
  }

  /** Resolves when every background sync started so far has ended (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.catch((error: unknown) => this.logger.error({ err: error }, 'background roster sync failed'))
      .finally(() => this.running.delete(tracked));
    this.running.add(tracked);
  }

  /** Writes the roster: people and memberships first, removals last, so a failure half-way removes no one. */
  private async apply(courseId: string, issuer: string, members: RosterMember[]): Promise<number> {
    const listed: string[] = [];
    for (const member of members) {
      const now = this.now();
      const person = await this.storage.people.upsertByIdentity(
        { issuer, subject: member.user_id },
        {
          id: newId(now.getTime()),
          name: text(member.name), givenName: text(member.given_name), familyName: text(member.family_name), email: text(member.email),
          now,
        },
      );
      const roles = member.roles.filter((role) => role.trim() !== '');
      await this.storage.roster.upsertListed({ courseId, personId: person.id, role: courseRoleFromLti(roles), ltiRoles: roles, now });
      listed.push(person.id);
    }
    return this.storage.roster.markRemovedExcept(courseId, listed, this.now());
  }
}

const text = (value: string | undefined): string | null => (value && value.trim() !== '' ? value.trim() : null);
