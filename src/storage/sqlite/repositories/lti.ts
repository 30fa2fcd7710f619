import type { Id } from '../../../domain/ids';
import type { CourseRole, Membership, MembershipSource } from '../../../domain/membership';
import type {
  CourseLtiServices, CourseLtiServicesRepository, LtiTicket, LtiTicketKind, LtiTicketRepository, RosterRepository, RosterSyncResult,
} from '../../lti-ports';
import { toDate, toMillis, type SqliteContext } from '../rows';

const maybeDate = (millis: number | null): Date | null => (millis === null ? null : toDate(millis));

interface TicketRow { kind: LtiTicketKind; id: string; data: string; created_at: number; expires_at: number }

const toTicket = (row: TicketRow): LtiTicket => ({
  kind: row.kind, id: row.id, data: JSON.parse(row.data) as Record<string, unknown>,
  createdAt: toDate(row.created_at), expiresAt: toDate(row.expires_at),
});

export class SqliteLtiTickets implements LtiTicketRepository {
  private readonly insert;
  private readonly one;
  private readonly take_;
  private readonly removeExpired;

  constructor(private readonly ctx: SqliteContext) {
    this.insert = ctx.db.prepare('INSERT INTO lti_tickets (kind, id, data, created_at, expires_at) VALUES (?, ?, ?, ?, ?)');
    this.one = ctx.db.prepare<[string, string, number], TicketRow>('SELECT * FROM lti_tickets WHERE kind = ? AND id = ? AND expires_at > ?');
    // DELETE ... RETURNING is one statement: the row is gone for everyone the moment one caller gets it.
    this.take_ = ctx.db.prepare<[string, string], TicketRow>('DELETE FROM lti_tickets WHERE kind = ? AND id = ? RETURNING *');
    this.removeExpired = ctx.db.prepare('DELETE FROM lti_tickets WHERE expires_at <= ?');
  }

  async create(ticket: LtiTicket): Promise<void> {
    await this.ctx.write(() => this.insert.run(
      ticket.kind, ticket.id, JSON.stringify(ticket.data), toMillis(ticket.createdAt), toMillis(ticket.expiresAt)));
  }

  async find(kind: LtiTicketKind, id: string, now: Date): Promise<LtiTicket | null> {
    const row = this.one.get(kind, id, toMillis(now));
    return row ? toTicket(row) : null;
  }

  take(kind: LtiTicketKind, id: string, now: Date): Promise<LtiTicket | null> {
    return this.ctx.write(() => {
      const row = this.take_.get(kind, id);
      return row && row.expires_at > toMillis(now) ? toTicket(row) : null;
    });
  }

  deleteExpired(now: Date): Promise<number> {
    return this.ctx.write(() => this.removeExpired.run(toMillis(now)).changes);
  }
}

interface ServicesRow {
  course_id: string; issuer: string; client_id: string; deployment_id: string;
  memberships_url: string | null; line_items_url: string | null; grade_scopes: string; updated_at: number;
  roster_last_attempt_at: number | null; roster_last_success_at: number | null; roster_last_error: string | null;
  roster_member_count: number | null; roster_claimed_until: number | null;
}

const toServices = (row: ServicesRow): CourseLtiServices => ({
  courseId: row.course_id, issuer: row.issuer, clientId: row.client_id, deploymentId: row.deployment_id,
  membershipsUrl: row.memberships_url, lineItemsUrl: row.line_items_url, gradeScopes: JSON.parse(row.grade_scopes) as string[],
  updatedAt: toDate(row.updated_at),
  roster: {
    lastAttemptAt: maybeDate(row.roster_last_attempt_at), lastSuccessAt: maybeDate(row.roster_last_success_at),
    lastError: row.roster_last_error, memberCount: row.roster_member_count, claimedUntil: maybeDate(row.roster_claimed_until),
  },
});

export class SqliteCourseLtiServices implements CourseLtiServicesRepository {
  private readonly upsert;
  private readonly one;
  private readonly due;
  private readonly claim;
  private readonly succeeded;
  private readonly failed;

  constructor(private readonly ctx: SqliteContext) {
    this.upsert = ctx.db.prepare(`
      INSERT INTO course_lti_services (course_id, issuer, client_id, deployment_id, memberships_url, line_items_url, grade_scopes, updated_at)
      VALUES (@courseId, @issuer, @clientId, @deploymentId, @membershipsUrl, @lineItemsUrl, @gradeScopes, @now)
      ON CONFLICT (course_id) DO UPDATE SET
        issuer = excluded.issuer, client_id = excluded.client_id, deployment_id = excluded.deployment_id,
        memberships_url = coalesce(excluded.memberships_url, course_lti_services.memberships_url),
        line_items_url = coalesce(excluded.line_items_url, course_lti_services.line_items_url),
        grade_scopes = CASE WHEN excluded.line_items_url IS NULL THEN course_lti_services.grade_scopes ELSE excluded.grade_scopes END,
        updated_at = excluded.updated_at`);
    this.one = ctx.db.prepare<[string], ServicesRow>('SELECT * FROM course_lti_services WHERE course_id = ?');
    this.due = ctx.db.prepare<[number, number], string>(`
      SELECT course_id FROM course_lti_services
      WHERE memberships_url IS NOT NULL AND (roster_last_attempt_at IS NULL OR roster_last_attempt_at < ?)
      ORDER BY coalesce(roster_last_attempt_at, 0), course_id LIMIT ?`).pluck();
    // One conditional UPDATE: of two racing claimers, only one sees a change.
    this.claim = ctx.db.prepare(`
      UPDATE course_lti_services SET roster_claimed_until = @until, roster_last_attempt_at = @now
      WHERE course_id = @courseId AND (roster_claimed_until IS NULL OR roster_claimed_until <= @now)`);
    this.succeeded = ctx.db.prepare(`
      UPDATE course_lti_services SET roster_last_attempt_at = @at, roster_last_success_at = @at, roster_last_error = NULL,
        roster_member_count = @memberCount, roster_claimed_until = NULL
      WHERE course_id = @courseId`);
    this.failed = ctx.db.prepare(`
      UPDATE course_lti_services SET roster_last_attempt_at = @at, roster_last_error = @error, roster_claimed_until = NULL
      WHERE course_id = @courseId`);
  }

  recordEndpoints(input: Parameters<CourseLtiServicesRepository['recordEndpoints']>[0]): Promise<CourseLtiServices> {
    return this.ctx.write(() => {
      this.upsert.run({ ...input, gradeScopes: JSON.stringify(input.gradeScopes), now: toMillis(input.now) });
      return toServices(this.one.get(input.courseId)!);
    });
  }

  async find(courseId: Id): Promise<CourseLtiServices | null> {
    const row = this.one.get(courseId);
    return row ? toServices(row) : null;
  }

  async listDueForRosterSync(staleBefore: Date, limit: number): Promise<Id[]> {
    return this.due.all(toMillis(staleBefore), limit);
  }

  claimRosterSync(courseId: Id, now: Date, until: Date): Promise<boolean> {
    return this.ctx.write(() => this.claim.run({ courseId, now: toMillis(now), until: toMillis(until) }).changes === 1);
  }

  async recordRosterSync(courseId: Id, result: RosterSyncResult): Promise<void> {
    await this.ctx.write(() => (result.ok
      ? this.succeeded.run({ courseId, at: toMillis(result.at), memberCount: result.memberCount })
      : this.failed.run({ courseId, at: toMillis(result.at), error: result.error })));
  }
}

interface MemberRow {
  course_id: string; person_id: string; role: CourseRole; lti_roles: string;
  first_launch_at: number; last_launch_at: number; source: MembershipSource; removed_at: number | null;
}

const toMembership = (row: MemberRow): Membership => ({
  courseId: row.course_id, personId: row.person_id, role: row.role, ltiRoles: JSON.parse(row.lti_roles) as string[],
  firstLaunchAt: toDate(row.first_launch_at), lastLaunchAt: toDate(row.last_launch_at),
  source: row.source, removedAt: maybeDate(row.removed_at),
});

/** The roster's view of the memberships table (see RosterRepository). */
export class SqliteRoster implements RosterRepository {
  private readonly upsert;
  private readonly one;
  private readonly remove;
  private readonly active;
  private readonly all;

  constructor(private readonly ctx: SqliteContext) {
    // For a roster-only member the launch times record when the roster first and last listed them.
    this.upsert = ctx.db.prepare(`
      INSERT INTO memberships (course_id, person_id, role, lti_roles, first_launch_at, last_launch_at, source, removed_at)
      VALUES (@courseId, @personId, @role, @ltiRoles, @now, @now, 'roster', NULL)
      ON CONFLICT (course_id, person_id) DO UPDATE SET
        role = excluded.role, lti_roles = excluded.lti_roles, removed_at = NULL,
        last_launch_at = CASE WHEN memberships.source = 'roster' THEN excluded.last_launch_at ELSE memberships.last_launch_at END`);
    this.one = ctx.db.prepare<[string, string], MemberRow>('SELECT * FROM memberships WHERE course_id = ? AND person_id = ?');
    this.remove = ctx.db.prepare(`
      UPDATE memberships SET removed_at = ?
      WHERE course_id = ? AND removed_at IS NULL AND person_id NOT IN (SELECT value FROM json_each(?))`);
    this.active = ctx.db.prepare<[string], MemberRow>(
      'SELECT * FROM memberships WHERE course_id = ? AND removed_at IS NULL ORDER BY first_launch_at, person_id');
    this.all = ctx.db.prepare<[string], MemberRow>('SELECT * FROM memberships WHERE course_id = ? ORDER BY first_launch_at, person_id');
  }

  upsertListed(input: Parameters<RosterRepository['upsertListed']>[0]): Promise<Membership> {
    return this.ctx.write(() => {
      this.upsert.run({ ...input, ltiRoles: JSON.stringify(input.ltiRoles), now: toMillis(input.now) });
      return toMembership(this.one.get(input.courseId, input.personId)!);
    });
  }

  markRemovedExcept(courseId: Id, keep: readonly Id[], now: Date): Promise<number> {
    return this.ctx.write(() => this.remove.run(toMillis(now), courseId, JSON.stringify(keep)).changes);
  }

  async listMembers(courseId: Id, options: { includeRemoved: boolean }): Promise<Membership[]> {
    return (options.includeRemoved ? this.all : this.active).all(courseId).map(toMembership);
  }
}
