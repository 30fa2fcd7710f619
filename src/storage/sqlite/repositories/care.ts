import type { ActivityPurge, CareSettings, Champion, QuestionRouting, UnansweredQuestion } from '../../../domain/care';
import { DEFAULT_CARE_SETTINGS } from '../../../domain/care';
import type { Id } from '../../../domain/ids';
import type {
  ActivityLogRepository, CareRepositories, CareSettingsRepository, ChampionRepository, QuestionRoutingRepository,
  UnansweredQuestionRepository,
} from '../../care-ports';
import { toDate, toMillis, type SqliteContext } from '../rows';
import { SqliteAlumniRoutedQuestions } from './care-alumni-routing';
import { SqliteExpertise, SqliteInsights } from './care-figures';
import { SqlitePersonalData } from './personal-data';

/** Placeholders for an IN (...) list of n values. */
const list = (n: number) => Array.from({ length: n }, () => '?').join(',');

export function sqliteCareRepositories(ctx: SqliteContext): CareRepositories {
  return {
    careSettings: new SqliteCareSettings(ctx),
    unanswered: new SqliteUnansweredQuestions(ctx),
    questionRoutings: new SqliteQuestionRoutings(ctx),
    expertise: new SqliteExpertise(ctx),
    champions: new SqliteChampions(ctx),
    insights: new SqliteInsights(ctx),
    activityLog: new SqliteActivityLog(ctx),
    personalData: new SqlitePersonalData(ctx),
    alumniRoutedQuestions: new SqliteAlumniRoutedQuestions(ctx),
  };
}

interface CareSettingsRow { course_id: string; answer_target_hours: number; quiet_days: number; retention_days: number; updated_at: number }

export class SqliteCareSettings implements CareSettingsRepository {
  constructor(private readonly ctx: SqliteContext) {}

  async get(courseId: Id, now: Date): Promise<CareSettings> {
    const row = this.ctx.db.prepare<[string], CareSettingsRow>('SELECT * FROM care_settings WHERE course_id = ?').get(courseId);
    if (!row) return DEFAULT_CARE_SETTINGS(courseId, now);
    return {
      courseId: row.course_id, answerTargetHours: row.answer_target_hours, quietDays: row.quiet_days,
      retentionDays: row.retention_days, updatedAt: toDate(row.updated_at),
    };
  }

  async save(s: CareSettings): Promise<void> {
    await this.ctx.write(() => this.ctx.db
      .prepare(`INSERT INTO care_settings (course_id, answer_target_hours, quiet_days, retention_days, updated_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (course_id) DO UPDATE SET answer_target_hours = excluded.answer_target_hours, quiet_days = excluded.quiet_days,
          retention_days = excluded.retention_days, updated_at = excluded.updated_at`)
      .run(s.courseId, s.answerTargetHours, s.quietDays, s.retentionDays, toMillis(s.updatedAt)));
  }
}

/** The same condition as the partial index threads_open_questions, so the queue reads only that index. */
const OPEN_QUESTION = "t.kind = 'question' AND t.accepted_reply_id IS NULL AND t.endorsed_answer_count = 0 AND t.deleted_at IS NULL AND t.hidden = 0";

interface UnansweredRow {
  id: string; course_id: string; author_id: string; anonymity: UnansweredQuestion['anonymity']; title: string;
  tag_ids: string | null; reply_count: number; answer_count: number; created_at: number;
}

export class SqliteUnansweredQuestions implements UnansweredQuestionRepository {
  constructor(private readonly ctx: SqliteContext) {}

  async list(courseId: Id, limit: number): Promise<UnansweredQuestion[]> {
    return this.ctx.db
      .prepare<[string, number], UnansweredRow>(`
        SELECT t.id, t.course_id, t.author_id, t.anonymity, t.title, t.reply_count, t.answer_count, t.created_at,
          (SELECT group_concat(tag_id) FROM thread_tags WHERE thread_id = t.id) AS tag_ids
        FROM threads t WHERE t.course_id = ? AND ${OPEN_QUESTION} ORDER BY t.created_at, t.id LIMIT ?`)
      .all(courseId, limit)
      .map((row) => ({
        id: row.id, courseId: row.course_id, authorId: row.author_id, anonymity: row.anonymity, title: row.title,
        tagIds: row.tag_ids ? row.tag_ids.split(',').sort() : [], replyCount: row.reply_count, answerCount: row.answer_count,
        createdAt: toDate(row.created_at),
      }));
  }

  async count(courseId: Id, overdueBefore: Date): Promise<{ total: number; overdue: number }> {
    const row = this.ctx.db
      .prepare<[number, string], { total: number; overdue: number | null }>(
        `SELECT count(*) AS total, sum(t.created_at < ?) AS overdue FROM threads t WHERE t.course_id = ? AND ${OPEN_QUESTION}`)
      .get(toMillis(overdueBefore), courseId);
    return { total: row?.total ?? 0, overdue: row?.overdue ?? 0 };
  }
}

interface RoutingRow { course_id: string; thread_id: string; person_id: string; routed_by: string; routed_at: number }
const toRouting = (row: RoutingRow): QuestionRouting => ({
  courseId: row.course_id, threadId: row.thread_id, personId: row.person_id, routedBy: row.routed_by, routedAt: toDate(row.routed_at),
});

export class SqliteQuestionRoutings implements QuestionRoutingRepository {
  constructor(private readonly ctx: SqliteContext) {}

  add(r: QuestionRouting): Promise<boolean> {
    return this.ctx.write(() => this.ctx.db
      .prepare('INSERT OR IGNORE INTO question_routings (course_id, thread_id, person_id, routed_by, routed_at) VALUES (?, ?, ?, ?, ?)')
      .run(r.courseId, r.threadId, r.personId, r.routedBy, toMillis(r.routedAt)).changes > 0);
  }

  async listForThreads(courseId: Id, threadIds: readonly Id[]): Promise<QuestionRouting[]> {
    if (threadIds.length === 0) return [];
    const unique = [...new Set(threadIds)];
    return this.ctx.db
      .prepare<string[], RoutingRow>(`SELECT * FROM question_routings WHERE course_id = ? AND thread_id IN (${list(unique.length)}) ORDER BY routed_at, person_id`)
      .all(courseId, ...unique)
      .map(toRouting);
  }

  async listForPerson(personId: Id): Promise<QuestionRouting[]> {
    return this.ctx.db
      .prepare<[string], RoutingRow>('SELECT * FROM question_routings WHERE person_id = ? ORDER BY routed_at, thread_id')
      .all(personId)
      .map(toRouting);
  }
}

interface ChampionRow { course_id: string; person_id: string; granted_by: string; granted_at: number }
const toChampion = (row: ChampionRow): Champion => ({
  courseId: row.course_id, personId: row.person_id, grantedBy: row.granted_by, grantedAt: toDate(row.granted_at),
});

export class SqliteChampions implements ChampionRepository {
  constructor(private readonly ctx: SqliteContext) {}

  async add(c: Champion): Promise<void> {
    await this.ctx.write(() => this.ctx.db
      .prepare('INSERT OR IGNORE INTO champions (course_id, person_id, granted_by, granted_at) VALUES (?, ?, ?, ?)')
      .run(c.courseId, c.personId, c.grantedBy, toMillis(c.grantedAt)));
  }

  remove(courseId: Id, personId: Id): Promise<boolean> {
    return this.ctx.write(() => this.ctx.db.prepare('DELETE FROM champions WHERE course_id = ? AND person_id = ?').run(courseId, personId).changes > 0);
  }

  async isChampion(courseId: Id, personId: Id): Promise<boolean> {
    return this.ctx.db.prepare<[string, string], number>('SELECT 1 FROM champions WHERE course_id = ? AND person_id = ?').pluck().get(courseId, personId) === 1;
  }

  async listByCourse(courseId: Id): Promise<Champion[]> {
    return this.ctx.db.prepare<[string], ChampionRow>('SELECT * FROM champions WHERE course_id = ? ORDER BY granted_at, person_id').all(courseId).map(toChampion);
  }

  async listForPerson(personId: Id): Promise<Champion[]> {
    return this.ctx.db.prepare<[string], ChampionRow>('SELECT * FROM champions WHERE person_id = ? ORDER BY granted_at, course_id').all(personId).map(toChampion);
  }
}

interface PurgeRow { course_id: string; purged_through_seq: number; last_purge_at: number; last_purge_count: number }

export class SqliteActivityLog implements ActivityLogRepository {
  constructor(private readonly ctx: SqliteContext) {}

  async coursesWithEventsBefore(cutoff: Date): Promise<Id[]> {
    return this.ctx.db.prepare<[number], string>('SELECT DISTINCT course_id FROM course_events WHERE created_at < ? ORDER BY course_id').pluck().all(toMillis(cutoff));
  }

  purgeBefore(courseId: Id, cutoff: Date, now: Date): Promise<number> {
    return this.ctx.write(() => this.ctx.db.transaction(() => {
      const newest = this.ctx.db.prepare<[string], number | null>('SELECT max(seq) FROM course_events WHERE course_id = ?').pluck().get(courseId);
      if (newest === null || newest === undefined) return 0;
      const doomed = this.ctx.db
        .prepare<[string, number, number], { n: number; through: number | null }>(
          'SELECT count(*) AS n, max(seq) AS through FROM course_events WHERE course_id = ? AND created_at < ? AND seq < ?')
        .get(courseId, toMillis(cutoff), newest)!;
      this.ctx.db.prepare('DELETE FROM course_events WHERE course_id = ? AND created_at < ? AND seq < ?').run(courseId, toMillis(cutoff), newest);
      this.ctx.db
        .prepare(`INSERT INTO activity_purges (course_id, purged_through_seq, last_purge_at, last_purge_count) VALUES (?, ?, ?, ?)
          ON CONFLICT (course_id) DO UPDATE SET purged_through_seq = max(purged_through_seq, excluded.purged_through_seq),
            last_purge_at = excluded.last_purge_at, last_purge_count = excluded.last_purge_count`)
        .run(courseId, doomed.through ?? 0, toMillis(now), doomed.n);
      return doomed.n;
    })());
  }

  async findPurge(courseId: Id): Promise<ActivityPurge | null> {
    const row = this.ctx.db.prepare<[string], PurgeRow>('SELECT * FROM activity_purges WHERE course_id = ?').get(courseId);
    return row
      ? { courseId: row.course_id, purgedThroughSeq: row.purged_through_seq, lastPurgeAt: toDate(row.last_purge_at), lastPurgeCount: row.last_purge_count }
      : null;
  }
}
