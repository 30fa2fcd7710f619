import type { AlumniCourse, Alumnus, Community, LearnerAccess } from '../../../domain/alumni';
import type { Id } from '../../../domain/ids';
import type { AlumniCourseRepository, AlumnusRepository, CommunityRepository } from '../../alumni-ports';
import { toDate, toMillis, type SqliteContext } from '../rows';

const maybeDate = (millis: number | null): Date | null => (millis === null ? null : toDate(millis));
const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

interface CommunityRow {
  id: string; name: string; join_code: string; space_course_id: string; learner_access: LearnerAccess;
  quiet_days: number; created_by: string; created_at: number;
}

const toCommunity = (row: CommunityRow): Community => ({
  id: row.id, name: row.name, joinCode: row.join_code, spaceCourseId: row.space_course_id, learnerAccess: row.learner_access,
  quietDays: row.quiet_days, createdBy: row.created_by, createdAt: toDate(row.created_at),
});

export class SqliteCommunities implements CommunityRepository {
  constructor(private readonly ctx: SqliteContext) {}

  async create(c: Community): Promise<void> {
    await this.ctx.write(() => this.ctx.db.prepare(`
      INSERT INTO alumni_communities (id, name, join_code, space_course_id, learner_access, quiet_days, created_by, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(c.id, c.name, c.joinCode, c.spaceCourseId, c.learnerAccess, c.quietDays, c.createdBy, toMillis(c.createdAt)));
  }

  async findById(id: Id): Promise<Community | null> {
    const row = this.ctx.db.prepare<[string], CommunityRow>('SELECT * FROM alumni_communities WHERE id = ?').get(id);
    return row ? toCommunity(row) : null;
  }

  async findBySpaceCourse(courseId: Id): Promise<Community | null> {
    const row = this.ctx.db.prepare<[string], CommunityRow>('SELECT * FROM alumni_communities WHERE space_course_id = ?').get(courseId);
    return row ? toCommunity(row) : null;
  }

  async findByJoinCode(code: string): Promise<Community | null> {
    // The column is COLLATE NOCASE, so the comparison ignores case.
    const row = this.ctx.db.prepare<[string], CommunityRow>('SELECT * FROM alumni_communities WHERE join_code = ?').get(code.trim());
    return row ? toCommunity(row) : null;
  }

  async listByIds(ids: readonly Id[]): Promise<Community[]> {
    if (ids.length === 0) return [];
    const unique = [...new Set(ids)];
    return this.ctx.db.prepare<string[], CommunityRow>(`SELECT * FROM alumni_communities WHERE id IN (${placeholders(unique.length)}) ORDER BY name, id`)
      .all(...unique).map(toCommunity);
  }

  async update(id: Id, patch: Partial<Pick<Community, 'name' | 'learnerAccess' | 'quietDays'>>): Promise<Community | null> {
    await this.ctx.write(() => this.ctx.db.prepare(`
      UPDATE alumni_communities SET name = coalesce(?, name), learner_access = coalesce(?, learner_access), quiet_days = coalesce(?, quiet_days)
      WHERE id = ?`).run(patch.name ?? null, patch.learnerAccess ?? null, patch.quietDays ?? null, id));
    return this.findById(id);
  }
}

interface AlumniCourseRow {
  course_id: string; ends_at: number | null; copied_from: string; term: string | null; community_id: string | null;
  cohort_label: string | null; linked_by: string | null; linked_at: number | null; graduated_at: number | null;
  graduated_by: string | null; updated_at: number;
}

const toAlumniCourse = (row: AlumniCourseRow): AlumniCourse => ({
  courseId: row.course_id, endsAt: maybeDate(row.ends_at), copiedFrom: JSON.parse(row.copied_from) as string[], term: row.term,
  communityId: row.community_id, cohortLabel: row.cohort_label, linkedBy: row.linked_by, linkedAt: maybeDate(row.linked_at),
  graduatedAt: maybeDate(row.graduated_at), graduatedBy: row.graduated_by, updatedAt: toDate(row.updated_at),
});

export class SqliteAlumniCourses implements AlumniCourseRepository {
  constructor(private readonly ctx: SqliteContext) {}

  async recordFacts(courseId: Id, facts: { endsAt: Date | null; copiedFrom: string[]; term: string | null; now: Date }): Promise<AlumniCourse> {
    await this.ctx.write(() => this.ctx.db.prepare(`
      INSERT INTO alumni_courses (course_id, ends_at, copied_from, term, updated_at) VALUES (@courseId, @endsAt, @copiedFrom, @term, @now)
      ON CONFLICT (course_id) DO UPDATE SET
        ends_at = coalesce(excluded.ends_at, ends_at),
        copied_from = CASE WHEN excluded.copied_from = '[]' THEN copied_from ELSE excluded.copied_from END,
        term = coalesce(excluded.term, term),
        updated_at = excluded.updated_at`).run({
      courseId, endsAt: facts.endsAt ? toMillis(facts.endsAt) : null, copiedFrom: JSON.stringify(facts.copiedFrom), term: facts.term, now: toMillis(facts.now),
    }));
    return (await this.find(courseId))!;
  }

  async find(courseId: Id): Promise<AlumniCourse | null> {
    const row = this.ctx.db.prepare<[string], AlumniCourseRow>('SELECT * FROM alumni_courses WHERE course_id = ?').get(courseId);
    return row ? toAlumniCourse(row) : null;
  }

  link(courseId: Id, link: { communityId: Id; cohortLabel: string; by: Id; now: Date }): Promise<boolean> {
    return this.ctx.write(() => {
      const at = toMillis(link.now);
      this.ctx.db.prepare(`INSERT INTO alumni_courses (course_id, updated_at) VALUES (?, ?) ON CONFLICT (course_id) DO NOTHING`).run(courseId, at);
      // Conditional on being unlinked: of two racing links, only one changes the row.
      return this.ctx.db.prepare(`
        UPDATE alumni_courses SET community_id = ?, cohort_label = ?, linked_by = ?, linked_at = ?, updated_at = ?
        WHERE course_id = ? AND community_id IS NULL`).run(link.communityId, link.cohortLabel, link.by, at, at, courseId).changes === 1;
    });
  }

  async setCohortLabel(courseId: Id, cohortLabel: string, now: Date): Promise<void> {
    await this.ctx.write(() => this.ctx.db.prepare('UPDATE alumni_courses SET cohort_label = ?, updated_at = ? WHERE course_id = ?')
      .run(cohortLabel, toMillis(now), courseId));
  }

  async listByCommunity(communityId: Id): Promise<AlumniCourse[]> {
    return this.ctx.db.prepare<[string], AlumniCourseRow>('SELECT * FROM alumni_courses WHERE community_id = ? ORDER BY linked_at, course_id')
      .all(communityId).map(toAlumniCourse);
  }

  async listDueForGraduation(now: Date, limit: number): Promise<Id[]> {
    return this.ctx.db.prepare<[number, number], { course_id: string }>(`
      SELECT course_id FROM alumni_courses
      WHERE community_id IS NOT NULL AND graduated_at IS NULL AND ends_at IS NOT NULL AND ends_at <= ?
      ORDER BY ends_at, course_id LIMIT ?`).all(toMillis(now), limit).map((row) => row.course_id);
  }

  markGraduated(courseId: Id, at: Date, by: Id | null): Promise<boolean> {
    return this.ctx.write(() => this.ctx.db.prepare(`
      UPDATE alumni_courses SET graduated_at = ?, graduated_by = ?, updated_at = ?
      WHERE course_id = ? AND graduated_at IS NULL AND community_id IS NOT NULL`).run(toMillis(at), by, toMillis(at), courseId).changes === 1);
  }

  async findLinkedByContext(issuer: string, clientId: string, contextIds: readonly string[]): Promise<AlumniCourse | null> {
    if (contextIds.length === 0) return null;
    const rows = this.ctx.db.prepare<unknown[], AlumniCourseRow & { context_id: string }>(`
      SELECT a.*, c.context_id FROM alumni_courses a JOIN courses c ON c.id = a.course_id
      WHERE c.issuer = ? AND c.client_id = ? AND a.community_id IS NOT NULL AND c.context_id IN (${placeholders(contextIds.length)})`)
      .all(issuer, clientId, ...contextIds);
    for (const contextId of contextIds) {
      const row = rows.find((r) => r.context_id === contextId);
      if (row) return toAlumniCourse(row);
    }
    return null;
  }

  async communitiesStaffedBy(personId: Id): Promise<Id[]> {
    return this.ctx.db.prepare(`
      SELECT DISTINCT a.community_id FROM alumni_courses a JOIN memberships m ON m.course_id = a.course_id
      WHERE m.person_id = ? AND m.role = 'staff' AND m.removed_at IS NULL AND a.community_id IS NOT NULL
      ORDER BY a.community_id`).pluck().all(personId) as string[];
  }
}

interface AlumnusRow { community_id: string; person_id: string; course_id: string; cohort_label: string; graduated_at: number }

const toAlumnus = (row: AlumnusRow): Alumnus => ({
  communityId: row.community_id, personId: row.person_id, courseId: row.course_id, cohortLabel: row.cohort_label, graduatedAt: toDate(row.graduated_at),
});

export class SqliteAlumni implements AlumnusRepository {
  constructor(private readonly ctx: SqliteContext) {}

  add(records: readonly Alumnus[]): Promise<number> {
    return this.ctx.write(() => {
      const insert = this.ctx.db.prepare(`
        INSERT INTO alumni (community_id, person_id, course_id, cohort_label, graduated_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT DO NOTHING`);
      let added = 0;
      for (const r of records) added += insert.run(r.communityId, r.personId, r.courseId, r.cohortLabel, toMillis(r.graduatedAt)).changes;
      return added;
    });
  }

  async listForPerson(communityId: Id, personId: Id): Promise<Alumnus[]> {
    return this.ctx.db.prepare<[string, string], AlumnusRow>('SELECT * FROM alumni WHERE community_id = ? AND person_id = ? ORDER BY graduated_at, course_id')
      .all(communityId, personId).map(toAlumnus);
  }

  async listAllForPerson(personId: Id): Promise<Alumnus[]> {
    return this.ctx.db.prepare<[string], AlumnusRow>('SELECT * FROM alumni WHERE person_id = ? ORDER BY graduated_at, course_id').all(personId).map(toAlumnus);
  }

  async countByCourse(courseId: Id): Promise<number> {
    return this.ctx.db.prepare('SELECT count(*) FROM alumni WHERE course_id = ?').pluck().get(courseId) as number;
  }

  async recordDeparture(communityId: Id, personId: Id, at: Date): Promise<void> {
    await this.ctx.write(() => this.ctx.db.prepare('INSERT INTO alumni_departures (community_id, person_id, left_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING')
      .run(communityId, personId, toMillis(at)));
  }

  async findDeparture(communityId: Id, personId: Id): Promise<Date | null> {
    const at = this.ctx.db.prepare('SELECT left_at FROM alumni_departures WHERE community_id = ? AND person_id = ?').pluck().get(communityId, personId) as number | undefined;
    return at === undefined ? null : toDate(at);
  }

  async formerMembersAmong(courseId: Id, personIds: readonly Id[]): Promise<Set<Id>> {
    if (personIds.length === 0) return new Set();
    const unique = [...new Set(personIds)];
    const ids = this.ctx.db.prepare(`
      SELECT d.person_id FROM alumni_departures d JOIN alumni_communities c ON c.id = d.community_id
      WHERE c.space_course_id = ? AND d.person_id IN (${placeholders(unique.length)})`).pluck().all(courseId, ...unique) as string[];
    return new Set(ids);
  }

  async removeSpaceMembership(courseId: Id, personId: Id, at: Date): Promise<void> {
    await this.ctx.write(() => this.ctx.db.prepare('UPDATE memberships SET removed_at = ? WHERE course_id = ? AND person_id = ? AND removed_at IS NULL')
      .run(toMillis(at), courseId, personId));
  }

  async setMentor(communityId: Id, personId: Id, mentor: boolean, at: Date): Promise<void> {
    await this.ctx.write(() => (mentor
      ? this.ctx.db.prepare('INSERT INTO alumni_mentors (community_id, person_id, since) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(communityId, personId, toMillis(at))
      : this.ctx.db.prepare('DELETE FROM alumni_mentors WHERE community_id = ? AND person_id = ?').run(communityId, personId)));
  }

  async isMentor(communityId: Id, personId: Id): Promise<boolean> {
    return this.ctx.db.prepare('SELECT 1 FROM alumni_mentors WHERE community_id = ? AND person_id = ?').get(communityId, personId) !== undefined;
  }

  async listMentors(communityId: Id): Promise<Id[]> {
    return this.ctx.db.prepare('SELECT person_id FROM alumni_mentors WHERE community_id = ? ORDER BY since, person_id').pluck().all(communityId) as string[];
  }
}
