import type { CourseSettings } from '../../../domain/course-settings';
import { DEFAULT_SETTINGS } from '../../../domain/course-settings';
import type { PostKind } from '../../../domain/discussion';
import type { Id } from '../../../domain/ids';
import type { Notification, Report } from '../../../domain/notifications';
import type { CourseSettingsRepository, NotificationRepository, PseudonymRepository, ReportRepository } from '../../ports';
import { toDate, toMillis, type SqliteContext } from '../rows';

const list = (n: number) => Array.from({ length: n }, () => '?').join(',');

interface NotificationRow {
  id: string; person_id: string; course_id: string; kind: Notification['kind']; thread_id: string; reply_id: string | null;
  actor_id: string; created_at: number; read_at: number | null;
}

export class SqliteNotifications implements NotificationRepository {
  constructor(private readonly ctx: SqliteContext) {}

  async create(n: Notification): Promise<void> {
    await this.ctx.write(() => this.ctx.db
      .prepare('INSERT INTO notifications (id, person_id, course_id, kind, thread_id, reply_id, actor_id, created_at, read_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(n.id, n.personId, n.courseId, n.kind, n.threadId, n.replyId, n.actorId, toMillis(n.createdAt), n.readAt ? toMillis(n.readAt) : null));
  }

  async listForPerson(personId: Id, courseId: Id, limit: number): Promise<Notification[]> {
    return this.ctx.db
      .prepare<[string, string, number], NotificationRow>('SELECT * FROM notifications WHERE person_id = ? AND course_id = ? ORDER BY created_at DESC, id DESC LIMIT ?')
      .all(personId, courseId, limit)
      .map((row) => ({
        id: row.id, personId: row.person_id, courseId: row.course_id, kind: row.kind, threadId: row.thread_id, replyId: row.reply_id,
        actorId: row.actor_id, createdAt: toDate(row.created_at), readAt: row.read_at === null ? null : toDate(row.read_at),
      }));
  }

  async countUnread(personId: Id, courseId: Id): Promise<number> {
    return this.ctx.db
      .prepare<[string, string], number>('SELECT count(*) FROM notifications WHERE person_id = ? AND course_id = ? AND read_at IS NULL')
      .pluck().get(personId, courseId) ?? 0;
  }

  markRead(personId: Id, courseId: Id, at: Date, ids?: readonly Id[]): Promise<number> {
    return this.ctx.write(() => {
      const base = 'UPDATE notifications SET read_at = ? WHERE person_id = ? AND course_id = ? AND read_at IS NULL';
      if (ids === undefined) return this.ctx.db.prepare(base).run(toMillis(at), personId, courseId).changes;
      if (ids.length === 0) return 0;
      return this.ctx.db.prepare(`${base} AND id IN (${list(ids.length)})`).run(toMillis(at), personId, courseId, ...ids).changes;
    });
  }
}

interface ReportRow {
  id: string; course_id: string; post_kind: PostKind; post_id: string; thread_id: string; reporter_id: string; reason: string;
  created_at: number; resolved_at: number | null; resolved_by: string | null;
}

export class SqliteReports implements ReportRepository {
  constructor(private readonly ctx: SqliteContext) {}

  async create(r: Report): Promise<void> {
    await this.ctx.write(() => this.ctx.db
      .prepare('INSERT INTO reports (id, course_id, post_kind, post_id, thread_id, reporter_id, reason, created_at, resolved_at, resolved_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(r.id, r.courseId, r.postKind, r.postId, r.threadId, r.reporterId, r.reason, toMillis(r.createdAt), r.resolvedAt ? toMillis(r.resolvedAt) : null, r.resolvedBy));
  }

  async listOpen(courseId: Id): Promise<Report[]> {
    return this.ctx.db
      .prepare<[string], ReportRow>('SELECT * FROM reports WHERE course_id = ? AND resolved_at IS NULL ORDER BY created_at, id')
      .all(courseId)
      .map((row) => ({
        id: row.id, courseId: row.course_id, postKind: row.post_kind, postId: row.post_id, threadId: row.thread_id,
        reporterId: row.reporter_id, reason: row.reason, createdAt: toDate(row.created_at),
        resolvedAt: row.resolved_at === null ? null : toDate(row.resolved_at), resolvedBy: row.resolved_by,
      }));
  }

  resolveForPost(courseId: Id, postKind: PostKind, postId: Id, by: Id, at: Date): Promise<number> {
    return this.ctx.write(() => this.ctx.db
      .prepare('UPDATE reports SET resolved_at = ?, resolved_by = ? WHERE course_id = ? AND post_kind = ? AND post_id = ? AND resolved_at IS NULL')
      .run(toMillis(at), by, courseId, postKind, postId).changes);
  }
}

export class SqliteCourseSettings implements CourseSettingsRepository {
  constructor(private readonly ctx: SqliteContext) {}

  async get(courseId: Id, now: Date): Promise<CourseSettings> {
    const row = this.ctx.db
      .prepare<[string], { course_id: string; anonymity: CourseSettings['anonymity']; posting_policy: string | null; policy_version: number; updated_at: number }>(
        'SELECT * FROM course_settings WHERE course_id = ?')
      .get(courseId);
    if (!row) return DEFAULT_SETTINGS(courseId, now);
    return { courseId: row.course_id, anonymity: row.anonymity, postingPolicy: row.posting_policy, policyVersion: row.policy_version, updatedAt: toDate(row.updated_at) };
  }

  async save(s: CourseSettings): Promise<void> {
    await this.ctx.write(() => this.ctx.db
      .prepare(`INSERT INTO course_settings (course_id, anonymity, posting_policy, policy_version, updated_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (course_id) DO UPDATE SET anonymity = excluded.anonymity, posting_policy = excluded.posting_policy,
          policy_version = excluded.policy_version, updated_at = excluded.updated_at`)
      .run(s.courseId, s.anonymity, s.postingPolicy, s.policyVersion, toMillis(s.updatedAt)));
  }

  async acceptedPolicyVersion(courseId: Id, personId: Id): Promise<number | null> {
    return this.ctx.db
      .prepare<[string, string], number>('SELECT policy_version FROM policy_acceptances WHERE course_id = ? AND person_id = ?')
      .pluck().get(courseId, personId) ?? null;
  }

  async acceptPolicy(input: { courseId: Id; personId: Id; version: number; at: Date }): Promise<void> {
    await this.ctx.write(() => this.ctx.db
      .prepare(`INSERT INTO policy_acceptances (course_id, person_id, policy_version, accepted_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (course_id, person_id) DO UPDATE SET policy_version = excluded.policy_version, accepted_at = excluded.accepted_at`)
      .run(input.courseId, input.personId, input.version, toMillis(input.at)));
  }
}

export class SqlitePseudonyms implements PseudonymRepository {
  constructor(private readonly ctx: SqliteContext) {}

  getOrAssign(courseId: Id, personId: Id, candidates: readonly string[]): Promise<string> {
    return this.ctx.write(() => {
      const find = this.ctx.db.prepare<[string, string], string>('SELECT name FROM pseudonyms WHERE course_id = ? AND person_id = ?').pluck();
      const existing = find.get(courseId, personId);
      if (existing) return existing;
      const insert = this.ctx.db.prepare('INSERT OR IGNORE INTO pseudonyms (course_id, person_id, name) VALUES (?, ?, ?)');
      for (const name of candidates) {
        if (insert.run(courseId, personId, name).changes > 0) return name;
      }
      throw new Error(`no free pseudonym among ${candidates.length} candidates`);
    });
  }

  async findMany(courseId: Id, personIds: readonly Id[]): Promise<Map<Id, string>> {
    if (personIds.length === 0) return new Map();
    const unique = [...new Set(personIds)];
    const rows = this.ctx.db
      .prepare<string[], { person_id: string; name: string }>(`SELECT person_id, name FROM pseudonyms WHERE course_id = ? AND person_id IN (${list(unique.length)})`)
      .all(courseId, ...unique);
    return new Map(rows.map((row) => [row.person_id, row.name]));
  }
}
