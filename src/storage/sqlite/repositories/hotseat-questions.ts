import type { HotseatFollowUp, HotseatQuestion, HotseatSummary } from '../../../domain/hotseat';
import type { Id } from '../../../domain/ids';
import type { HotseatFollowUpRepository, HotseatQuestionRepository, HotseatVoteRepository, QuestionPatch, VoteCount } from '../../hotseat-ports';
import { sqlValue, toDate, toMillis, type SqliteContext } from '../rows';
import { patchStatement } from './hotseats';

interface QuestionRow {
  id: string; hotseat_id: string; course_id: string; author_id: string; anonymity: HotseatQuestion['anonymity']; body_source: string;
  body_html: string; status: HotseatQuestion['status']; hidden: number; vote_count: number; vote_version: number;
  decline_reason: string | null; merged_into_id: string | null; answer_source: string | null; answer_html: string | null;
  answered_by: string | null; answered_at: number | null; converted_thread_id: string | null; created_at: number; edited_at: number | null;
}

const dateOrNull = (millis: number | null) => (millis === null ? null : toDate(millis));

const toQuestion = (row: QuestionRow): HotseatQuestion => ({
  id: row.id, hotseatId: row.hotseat_id, courseId: row.course_id, authorId: row.author_id, anonymity: row.anonymity,
  bodySource: row.body_source, bodyHtml: row.body_html, status: row.status, hidden: row.hidden === 1, voteCount: row.vote_count,
  voteVersion: row.vote_version, declineReason: row.decline_reason, mergedIntoId: row.merged_into_id, answerSource: row.answer_source,
  answerHtml: row.answer_html, answeredBy: row.answered_by, answeredAt: dateOrNull(row.answered_at),
  convertedThreadId: row.converted_thread_id, createdAt: toDate(row.created_at), editedAt: dateOrNull(row.edited_at),
});

const PATCH_COLUMNS: Record<keyof QuestionPatch, string> = {
  bodySource: 'body_source', bodyHtml: 'body_html', status: 'status', hidden: 'hidden', declineReason: 'decline_reason',
  mergedIntoId: 'merged_into_id', answerSource: 'answer_source', answerHtml: 'answer_html', answeredBy: 'answered_by',
  answeredAt: 'answered_at', convertedThreadId: 'converted_thread_id', editedAt: 'edited_at',
};

/** Placeholders for an IN (...) list of n values. */
const list = (n: number) => Array.from({ length: n }, () => '?').join(',');

/** Questions that count as asked: not taken back, refused or folded into another. */
const COUNTED = "status NOT IN ('withdrawn', 'declined', 'merged')";

export class SqliteHotseatQuestions implements HotseatQuestionRepository {
  private readonly one;

  constructor(private readonly ctx: SqliteContext) {
    this.one = ctx.db.prepare<[string, string], QuestionRow>('SELECT * FROM hotseat_questions WHERE course_id = ? AND id = ?');
  }

  async create(question: HotseatQuestion): Promise<void> {
    const values = Object.fromEntries(Object.entries(question).map(([key, value]) => [key, sqlValue(value)]));
    await this.ctx.write(() => this.ctx.db.prepare(`
      INSERT INTO hotseat_questions (id, hotseat_id, course_id, author_id, anonymity, body_source, body_html, status, hidden, vote_count,
        vote_version, decline_reason, merged_into_id, answer_source, answer_html, answered_by, answered_at, converted_thread_id, created_at, edited_at)
      VALUES (@id, @hotseatId, @courseId, @authorId, @anonymity, @bodySource, @bodyHtml, @status, @hidden, @voteCount,
        @voteVersion, @declineReason, @mergedIntoId, @answerSource, @answerHtml, @answeredBy, @answeredAt, @convertedThreadId, @createdAt, @editedAt)`).run(values));
  }

  async findById(courseId: Id, questionId: Id): Promise<HotseatQuestion | null> {
    const row = this.one.get(courseId, questionId);
    return row ? toQuestion(row) : null;
  }

  async listByHotseat(hotseatId: Id): Promise<HotseatQuestion[]> {
    return this.ctx.db.prepare<[string], QuestionRow>('SELECT * FROM hotseat_questions WHERE hotseat_id = ? ORDER BY id').all(hotseatId).map(toQuestion);
  }

  update(courseId: Id, questionId: Id, patch: QuestionPatch): Promise<HotseatQuestion | null> {
    return this.ctx.write(() => {
      const { sets, values } = patchStatement(patch, PATCH_COLUMNS);
      if (sets) this.ctx.db.prepare(`UPDATE hotseat_questions SET ${sets} WHERE course_id = @courseId AND id = @questionId`).run({ ...values, courseId, questionId });
      const row = this.one.get(courseId, questionId);
      return row ? toQuestion(row) : null;
    });
  }

  async countByAuthorSince(hotseatId: Id, authorId: Id, since: Date): Promise<number> {
    return this.ctx.db
      .prepare<[string, string, number], number>('SELECT COUNT(*) FROM hotseat_questions WHERE hotseat_id = ? AND author_id = ? AND created_at > ?')
      .pluck().get(hotseatId, authorId, toMillis(since)) ?? 0;
  }

  async countByAuthorBetween(courseId: Id, authorId: Id, from: Date, to: Date): Promise<number> {
    return this.ctx.db
      .prepare<[string, string, number, number], number>(
        `SELECT COUNT(*) FROM hotseat_questions WHERE course_id = ? AND author_id = ? AND created_at >= ? AND created_at < ? AND ${COUNTED}`)
      .pluck().get(courseId, authorId, toMillis(from), toMillis(to)) ?? 0;
  }

  async voteCounts(questionIds: readonly Id[]): Promise<VoteCount[]> {
    if (questionIds.length === 0) return [];
    return this.ctx.db
      .prepare<string[], { id: string; vote_count: number; vote_version: number }>(
        `SELECT id, vote_count, vote_version FROM hotseat_questions WHERE id IN (${list(questionIds.length)})`)
      .all(...questionIds)
      .map((row) => ({ id: row.id, voteCount: row.vote_count, voteVersion: row.vote_version }));
  }

  async summary(hotseatId: Id): Promise<HotseatSummary> {
    const counts = this.ctx.db
      .prepare<[string], { questions: number; answered: number; votes: number }>(`
        SELECT COUNT(*) AS questions, COALESCE(SUM(status = 'answered'), 0) AS answered, COALESCE(SUM(vote_count), 0) AS votes
        FROM hotseat_questions WHERE hotseat_id = ? AND ${COUNTED} AND status <> 'pending'`)
      .get(hotseatId)!;
    const participants = this.ctx.db
      .prepare<[string, string, string], number>(`
        SELECT COUNT(*) FROM (
          SELECT author_id AS person_id FROM hotseat_questions WHERE hotseat_id = ?
          UNION SELECT person_id FROM hotseat_votes WHERE hotseat_id = ?
          UNION SELECT author_id FROM hotseat_follow_ups WHERE hotseat_id = ?)`)
      .pluck().get(hotseatId, hotseatId, hotseatId) ?? 0;
    return { ...counts, participants };
  }
}

export class SqliteHotseatVotes implements HotseatVoteRepository {
  constructor(private readonly ctx: SqliteContext) {}

  toggle(vote: { courseId: Id; hotseatId: Id; questionId: Id; personId: Id; at: Date }): Promise<{ voted: boolean } & VoteCount> {
    const { db } = this.ctx;
    return this.ctx.write(() => db.transaction(() => {
      const removed = db.prepare('DELETE FROM hotseat_votes WHERE question_id = ? AND person_id = ?').run(vote.questionId, vote.personId).changes > 0;
      if (!removed) {
        db.prepare('INSERT INTO hotseat_votes (question_id, person_id, hotseat_id, course_id, created_at) VALUES (?, ?, ?, ?, ?)')
          .run(vote.questionId, vote.personId, vote.hotseatId, vote.courseId, toMillis(vote.at));
      }
      const row = db
        .prepare<[number, string, string], { vote_count: number; vote_version: number }>(
          'UPDATE hotseat_questions SET vote_count = vote_count + ?, vote_version = vote_version + 1 WHERE id = ? AND course_id = ? RETURNING vote_count, vote_version')
        .get(removed ? -1 : 1, vote.questionId, vote.courseId)!;
      return { voted: !removed, id: vote.questionId, voteCount: row.vote_count, voteVersion: row.vote_version };
    })());
  }

  async votedBy(personId: Id, questionIds: readonly Id[]): Promise<Set<Id>> {
    if (questionIds.length === 0) return new Set();
    const ids = this.ctx.db
      .prepare<string[], string>(`SELECT question_id FROM hotseat_votes WHERE person_id = ? AND question_id IN (${list(questionIds.length)})`)
      .pluck().all(personId, ...questionIds);
    return new Set(ids);
  }

  merge(courseId: Id, fromId: Id, intoId: Id): Promise<VoteCount> {
    const { db } = this.ctx;
    return this.ctx.write(() => db.transaction(() => {
      db.prepare(`
        INSERT OR IGNORE INTO hotseat_votes (question_id, person_id, hotseat_id, course_id, created_at)
        SELECT ?, person_id, hotseat_id, course_id, created_at FROM hotseat_votes WHERE question_id = ?`).run(intoId, fromId);
      db.prepare('DELETE FROM hotseat_votes WHERE question_id = ?').run(fromId);
      const recount = db.prepare<[string, string], { vote_count: number; vote_version: number }>(`
        UPDATE hotseat_questions SET vote_count = (SELECT COUNT(*) FROM hotseat_votes WHERE question_id = hotseat_questions.id),
          vote_version = vote_version + 1
        WHERE id = ? AND course_id = ? RETURNING vote_count, vote_version`);
      recount.get(fromId, courseId);
      const row = recount.get(intoId, courseId)!;
      return { id: intoId, voteCount: row.vote_count, voteVersion: row.vote_version };
    })());
  }
}

interface FollowUpRow {
  id: string; question_id: string; hotseat_id: string; course_id: string; author_id: string; anonymity: HotseatFollowUp['anonymity'];
  body_source: string; body_html: string; created_at: number;
}

export class SqliteHotseatFollowUps implements HotseatFollowUpRepository {
  constructor(private readonly ctx: SqliteContext) {}

  async create(followUp: HotseatFollowUp): Promise<void> {
    await this.ctx.write(() => this.ctx.db
      .prepare('INSERT INTO hotseat_follow_ups (id, question_id, hotseat_id, course_id, author_id, anonymity, body_source, body_html, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(followUp.id, followUp.questionId, followUp.hotseatId, followUp.courseId, followUp.authorId, followUp.anonymity,
        followUp.bodySource, followUp.bodyHtml, toMillis(followUp.createdAt)));
  }

  async listByHotseat(hotseatId: Id): Promise<HotseatFollowUp[]> {
    return this.ctx.db.prepare<[string], FollowUpRow>('SELECT * FROM hotseat_follow_ups WHERE hotseat_id = ? ORDER BY id').all(hotseatId).map((row) => ({
      id: row.id, questionId: row.question_id, hotseatId: row.hotseat_id, courseId: row.course_id, authorId: row.author_id,
      anonymity: row.anonymity, bodySource: row.body_source, bodyHtml: row.body_html, createdAt: toDate(row.created_at),
    }));
  }
}
