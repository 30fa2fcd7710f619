import type { EndorsedAnswerCount } from '../../../domain/care';
import type { Anonymity } from '../../../domain/discussion';
import type { Id } from '../../../domain/ids';
import type { Buckets, EndorsedAnswerFilter, ExpertiseRepository, InsightsRepository } from '../../care-ports';
import { toMillis, type SqliteContext } from '../rows';

/** Grouped counts for expertise and insights: the store counts, the application never loads the posts. */

const list = (n: number) => Array.from({ length: n }, () => '?').join(',');

/** The endorsed answers that count (see EndorsedAnswerFilter), as a WHERE clause and its parameters. */
function endorsedAnswers(courseId: Id, filter: EndorsedAnswerFilter): { where: string; params: string[] } {
  const where = [
    'r.course_id = ?', 'r.endorsed_by IS NOT NULL', 'r.parent_id IS NULL', 'r.deleted_at IS NULL', 'r.hidden = 0',
    't.deleted_at IS NULL', 't.hidden = 0', `r.anonymity IN (${list(filter.anonymity.length)})`,
  ];
  const params = [courseId, ...filter.anonymity];
  if (filter.personId !== undefined) {
    where.push('r.author_id = ?');
    params.push(filter.personId);
  }
  return { where: where.join(' AND '), params };
}

export class SqliteExpertise implements ExpertiseRepository {
  constructor(private readonly ctx: SqliteContext) {}

  async countByTag(courseId: Id, filter: EndorsedAnswerFilter): Promise<EndorsedAnswerCount[]> {
    if (filter.anonymity.length === 0 || filter.tagIds?.length === 0) return [];
    const { where, params } = endorsedAnswers(courseId, filter);
    const tags = filter.tagIds ? ` AND tt.tag_id IN (${list(filter.tagIds.length)})` : '';
    return this.ctx.db
      .prepare<string[], { person_id: string; tag_id: string | null; answers: number }>(`
        SELECT r.author_id AS person_id, tt.tag_id AS tag_id, count(*) AS answers
        FROM replies r JOIN threads t ON t.id = r.thread_id LEFT JOIN thread_tags tt ON tt.thread_id = t.id
        WHERE ${where}${tags}
        GROUP BY r.author_id, tt.tag_id ORDER BY answers DESC, person_id, tag_id`)
      .all(...params, ...(filter.tagIds ?? []))
      .map((row) => ({ personId: row.person_id, tagId: row.tag_id, answers: row.answers }));
  }

  async countByAuthor(courseId: Id, filter: EndorsedAnswerFilter): Promise<Array<{ personId: Id; answers: number }>> {
    if (filter.anonymity.length === 0 || filter.tagIds?.length === 0) return [];
    const { where, params } = endorsedAnswers(courseId, filter);
    const tags = filter.tagIds ? ` AND EXISTS (SELECT 1 FROM thread_tags tt WHERE tt.thread_id = t.id AND tt.tag_id IN (${list(filter.tagIds.length)}))` : '';
    return this.ctx.db
      .prepare<string[], { person_id: string; answers: number }>(`
        SELECT r.author_id AS person_id, count(*) AS answers FROM replies r JOIN threads t ON t.id = r.thread_id
        WHERE ${where}${tags} GROUP BY r.author_id ORDER BY answers DESC, person_id`)
      .all(...params, ...(filter.tagIds ?? []))
      .map((row) => ({ personId: row.person_id, answers: row.answers }));
  }
}

export class SqliteInsights implements InsightsRepository {
  constructor(private readonly ctx: SqliteContext) {}

  async activityPerBucket(courseId: Id, buckets: Buckets): Promise<{ threads: number[]; replies: number[]; votes: number[] }> {
    return { threads: this.perBucket('threads', courseId, buckets), replies: this.perBucket('replies', courseId, buckets), votes: this.perBucket('votes', courseId, buckets) };
  }

  /** Whole periods since the start put each row in its bucket; the (course_id, created_at) indexes serve the range. */
  private perBucket(table: 'threads' | 'replies' | 'votes' | 'hotseat_questions', courseId: Id, buckets: Buckets): number[] {
    const start = toMillis(buckets.start);
    const end = start + buckets.bucketMs * buckets.buckets;
    const counts = Array.from({ length: buckets.buckets }, () => 0);
    const rows = this.ctx.db
      .prepare<[number, number, string, number, number], { bucket: number; n: number }>(
        `SELECT CAST((created_at - ?) / ? AS INTEGER) AS bucket, count(*) AS n FROM ${table} WHERE course_id = ? AND created_at >= ? AND created_at < ? GROUP BY bucket`)
      .all(start, buckets.bucketMs, courseId, start, end);
    for (const row of rows) counts[row.bucket] = row.n;
    return counts;
  }

  async participantsSince(courseId: Id, since: Date, anonymity: readonly Anonymity[]): Promise<Id[]> {
    const at = toMillis(since);
    // An empty list must match no post (and still let votes count): IN () is not valid SQL, IN ('none') matches nothing.
    const levels = anonymity.length > 0 ? anonymity : ['none'];
    return this.ctx.db
      .prepare<Array<string | number>, string>(`
        SELECT author_id FROM threads WHERE course_id = ? AND created_at >= ? AND anonymity IN (${list(levels.length)})
        UNION SELECT author_id FROM replies WHERE course_id = ? AND created_at >= ? AND anonymity IN (${list(levels.length)})
        UNION SELECT person_id FROM votes WHERE course_id = ? AND created_at >= ?`)
      .pluck()
      .all(courseId, at, ...levels, courseId, at, ...levels, courseId, at);
  }

  async hotseatQuestionsPerBucket(courseId: Id, buckets: Buckets): Promise<number[]> {
    return this.perBucket('hotseat_questions', courseId, buckets);
  }

  async hotseatParticipantsSince(courseId: Id, since: Date, anonymity: readonly Anonymity[]): Promise<Id[]> {
    const at = toMillis(since);
    const levels = anonymity.length > 0 ? anonymity : ['none'];
    return this.ctx.db
      .prepare<Array<string | number>, string>(`
        SELECT author_id FROM hotseat_questions WHERE course_id = ? AND created_at >= ? AND anonymity IN (${list(levels.length)})
        UNION SELECT person_id FROM hotseat_votes WHERE course_id = ? AND created_at >= ?`)
      .pluck()
      .all(courseId, at, ...levels, courseId, at);
  }

  async firstAnswerDelays(courseId: Id, since: Date): Promise<{ delaysMs: number[]; withoutAnswer: number }> {
    const delays = this.ctx.db
      .prepare<[string, number], number | null>(`
        SELECT min(r.created_at) - t.created_at FROM threads t
        LEFT JOIN replies r ON r.thread_id = t.id AND r.parent_id IS NULL AND r.author_id != t.author_id AND r.deleted_at IS NULL AND r.hidden = 0
        WHERE t.course_id = ? AND t.kind = 'question' AND t.created_at >= ? AND t.deleted_at IS NULL AND t.hidden = 0
        GROUP BY t.id`)
      .pluck()
      .all(courseId, toMillis(since));
    const answered = delays.filter((delay): delay is number => delay !== null);
    return { delaysMs: answered, withoutAnswer: delays.length - answered.length };
  }
}
