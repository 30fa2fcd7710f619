import type { Id } from '../../../domain/ids';
import type { CourseRole, Membership, MembershipSource } from '../../../domain/membership';
import type { MembershipRepository } from '../../ports';
import { toDate, toMillis, type SqliteContext } from '../rows';

interface MembershipRow {
  course_id: string; person_id: string; role: CourseRole; lti_roles: string;
  first_launch_at: number; last_launch_at: number; source: MembershipSource; removed_at: number | null;
}

const toMembership = (row: MembershipRow): Membership => ({
  courseId: row.course_id, personId: row.person_id, role: row.role,
  ltiRoles: JSON.parse(row.lti_roles) as string[],
  firstLaunchAt: toDate(row.first_launch_at), lastLaunchAt: toDate(row.last_launch_at),
  source: row.source, removedAt: row.removed_at === null ? null : toDate(row.removed_at),
});

export class SqliteMemberships implements MembershipRepository {
  private readonly upsert;
  private readonly one;
  private readonly count;

  constructor(private readonly ctx: SqliteContext) {
    this.upsert = ctx.db.prepare(`
      INSERT INTO memberships (course_id, person_id, role, lti_roles, first_launch_at, last_launch_at)
      VALUES (@courseId, @personId, @role, @ltiRoles, @now, @now)
      ON CONFLICT (course_id, person_id) DO UPDATE SET
        role = excluded.role, lti_roles = excluded.lti_roles, last_launch_at = excluded.last_launch_at,
        first_launch_at = CASE WHEN memberships.source = 'roster' THEN excluded.first_launch_at ELSE memberships.first_launch_at END,
        source = 'launch', removed_at = NULL`);
    this.one = ctx.db.prepare<[string, string], MembershipRow>(
      'SELECT * FROM memberships WHERE course_id = ? AND person_id = ?');
    // Members the roster removed are not counted or listed: they are no longer in the course.
    this.count = ctx.db.prepare<[string], number>('SELECT count(*) FROM memberships WHERE course_id = ? AND removed_at IS NULL').pluck();
  }

  recordLaunch(input: Pick<Membership, 'courseId' | 'personId' | 'role' | 'ltiRoles'> & { now: Date }): Promise<Membership> {
    return this.ctx.write(() => {
      this.upsert.run({
        courseId: input.courseId, personId: input.personId, role: input.role,
        ltiRoles: JSON.stringify(input.ltiRoles), now: toMillis(input.now),
      });
      return toMembership(this.one.get(input.courseId, input.personId)!);
    });
  }

  async find(courseId: Id, personId: Id): Promise<Membership | null> {
    const row = this.one.get(courseId, personId);
    return row ? toMembership(row) : null;
  }

  async listByCourse(courseId: Id): Promise<Membership[]> {
    return this.ctx.db
      .prepare<[string], MembershipRow>('SELECT * FROM memberships WHERE course_id = ? AND removed_at IS NULL ORDER BY first_launch_at, person_id')
      .all(courseId)
      .map(toMembership);
  }

  async countByCourse(courseId: Id): Promise<number> {
    return this.count.get(courseId) ?? 0;
  }
}
