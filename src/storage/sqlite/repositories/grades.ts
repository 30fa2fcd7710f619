import type { Id } from '../../../domain/ids';
import { defaultGrading, type ParticipationGrading } from '../../../domain/participation';
import {
  EMPTY_PUSH_STATE, type Contribution, type ContributionKind, type CourseGrading, type LineItemSource, type ParticipationGradeRepository,
  type ParticipationRepository, type PushCandidate, type PushedScore,
} from '../../grades-ports';
import { toDate, toMillis, type SqliteContext } from '../rows';

const maybeDate = (millis: number | null): Date | null => (millis === null ? null : toDate(millis));

/** Threads, replies and endorsed answers as the rubric counts them (see ParticipationRepository). */
export class SqliteParticipation implements ParticipationRepository {
  private readonly all;
  private readonly byAuthor;

  constructor(ctx: SqliteContext) {
    // `mine(alias)` narrows to one author, or to no one in particular.
    const query = (mine: (alias: string) => string) => `
      SELECT author_id, 'thread' AS kind, created_at FROM threads
      WHERE course_id = @courseId AND deleted_at IS NULL AND hidden = 0 ${mine('threads')}
      UNION ALL
      SELECT r.author_id, 'reply', r.created_at FROM replies r JOIN threads t ON t.id = r.thread_id
      WHERE r.course_id = @courseId AND r.deleted_at IS NULL AND r.hidden = 0 AND t.hidden = 0 ${mine('r')}
      UNION ALL
      SELECT r.author_id, 'endorsedAnswer', r.created_at FROM replies r JOIN threads t ON t.id = r.thread_id
      WHERE r.course_id = @courseId AND r.deleted_at IS NULL AND r.hidden = 0 AND t.hidden = 0
        AND r.parent_id IS NULL AND r.endorsed_by IS NOT NULL ${mine('r')}
      ORDER BY created_at, kind`;
    type Row = { author_id: string; kind: ContributionKind; created_at: number };
    this.all = ctx.db.prepare<{ courseId: string }, Row>(query(() => ''));
    this.byAuthor = ctx.db.prepare<{ courseId: string; authorId: string }, Row>(query((alias) => `AND ${alias}.author_id = @authorId`));
  }

  async listContributions(courseId: Id, options: { authorId?: Id } = {}): Promise<Contribution[]> {
    const rows = options.authorId ? this.byAuthor.all({ courseId, authorId: options.authorId }) : this.all.all({ courseId });
    return rows.map((row) => ({ authorId: row.author_id, kind: row.kind, at: toDate(row.created_at) }));
  }
}

interface GradingRow {
  course_id: string; enabled: number;
  points_per_thread: number; points_per_reply: number; points_per_endorsed_answer: number; points_per_hotseat_question: number;
  weekly_cap: number; score_maximum: number; label: string; updated_at: number | null; updated_by: string | null;
  line_item_url: string | null; line_item_source: LineItemSource | null; launch_line_item_url: string | null;
  seen_seq: number; requested_at: number | null; last_attempt_at: number | null; last_success_at: number | null;
  last_pushed_count: number | null; last_error: string | null; last_error_at: number | null;
  failed_attempts: number; next_attempt_at: number | null; claimed_until: number | null;
}

const toGrading = (row: GradingRow): CourseGrading => ({
  settings: {
    courseId: row.course_id, enabled: row.enabled === 1,
    pointsPerThread: row.points_per_thread, pointsPerReply: row.points_per_reply,
    pointsPerEndorsedAnswer: row.points_per_endorsed_answer, pointsPerHotseatQuestion: row.points_per_hotseat_question,
    weeklyCap: row.weekly_cap, scoreMaximum: row.score_maximum, label: row.label,
    updatedAt: maybeDate(row.updated_at), updatedBy: row.updated_by,
  },
  push: {
    lineItemUrl: row.line_item_url, lineItemSource: row.line_item_source, launchLineItemUrl: row.launch_line_item_url,
    seenSeq: row.seen_seq, requestedAt: maybeDate(row.requested_at),
    lastAttemptAt: maybeDate(row.last_attempt_at), lastSuccessAt: maybeDate(row.last_success_at), lastPushedCount: row.last_pushed_count,
    lastError: row.last_error, lastErrorAt: maybeDate(row.last_error_at),
    failedAttempts: row.failed_attempts, nextAttemptAt: maybeDate(row.next_attempt_at), claimedUntil: maybeDate(row.claimed_until),
  },
});

const settingsValues = (s: ParticipationGrading) => ({
  courseId: s.courseId, enabled: s.enabled ? 1 : 0,
  pointsPerThread: s.pointsPerThread, pointsPerReply: s.pointsPerReply,
  pointsPerEndorsedAnswer: s.pointsPerEndorsedAnswer, pointsPerHotseatQuestion: s.pointsPerHotseatQuestion,
  weeklyCap: s.weeklyCap, scoreMaximum: s.scoreMaximum, label: s.label,
  updatedAt: s.updatedAt ? toMillis(s.updatedAt) : null, updatedBy: s.updatedBy,
});

const INSERT_COLUMNS = `course_id, enabled, points_per_thread, points_per_reply, points_per_endorsed_answer, points_per_hotseat_question,
  weekly_cap, score_maximum, label, updated_at, updated_by`;
const INSERT_VALUES = `@courseId, @enabled, @pointsPerThread, @pointsPerReply, @pointsPerEndorsedAnswer, @pointsPerHotseatQuestion,
  @weeklyCap, @scoreMaximum, @label, @updatedAt, @updatedBy`;

export class SqliteParticipationGrades implements ParticipationGradeRepository {
  private readonly one;
  private readonly save;
  private readonly launchLineItem;
  private readonly request;
  private readonly candidates;
  private readonly claim;
  private readonly lineItem;
  private readonly forgetScores;
  private readonly succeeded;
  private readonly failed;
  private readonly scores;
  private readonly saveScore;

  constructor(private readonly ctx: SqliteContext) {
    this.one = ctx.db.prepare<[string], GradingRow>('SELECT * FROM participation_grading WHERE course_id = ?');
    this.save = ctx.db.prepare(`
      INSERT INTO participation_grading (${INSERT_COLUMNS}, requested_at) VALUES (${INSERT_VALUES}, @updatedAt)
      ON CONFLICT (course_id) DO UPDATE SET
        enabled = excluded.enabled, points_per_thread = excluded.points_per_thread, points_per_reply = excluded.points_per_reply,
        points_per_endorsed_answer = excluded.points_per_endorsed_answer, points_per_hotseat_question = excluded.points_per_hotseat_question,
        weekly_cap = excluded.weekly_cap, score_maximum = excluded.score_maximum, label = excluded.label,
        updated_at = excluded.updated_at, updated_by = excluded.updated_by,
        requested_at = excluded.updated_at, failed_attempts = 0, next_attempt_at = NULL`);
    this.launchLineItem = ctx.db.prepare(`
      INSERT INTO participation_grading (${INSERT_COLUMNS}, launch_line_item_url) VALUES (${INSERT_VALUES}, @url)
      ON CONFLICT (course_id) DO UPDATE SET launch_line_item_url = excluded.launch_line_item_url`);
    this.request = ctx.db.prepare(`
      UPDATE participation_grading SET requested_at = @now, failed_attempts = 0, next_attempt_at = NULL WHERE course_id = @courseId`);
    this.candidates = ctx.db.prepare<{ now: number; after: string; limit: number }, { course_id: string; seen_seq: number; requested_at: number | null }>(`
      SELECT course_id, seen_seq, requested_at FROM participation_grading
      WHERE enabled = 1 AND (failed_attempts = 0 OR next_attempt_at <= @now) AND course_id > @after
      ORDER BY course_id LIMIT @limit`);
    // One conditional UPDATE: of two racing claimers, only one sees a change.
    this.claim = ctx.db.prepare(`
      UPDATE participation_grading SET claimed_until = @until, last_attempt_at = @now
      WHERE course_id = @courseId AND (claimed_until IS NULL OR claimed_until <= @now)`);
    this.lineItem = ctx.db.prepare(`
      UPDATE participation_grading SET line_item_url = @url, line_item_source = @source,
        launch_line_item_url = CASE WHEN @url IS NULL AND launch_line_item_url = line_item_url THEN NULL ELSE launch_line_item_url END
      WHERE course_id = @courseId`);
    this.forgetScores = ctx.db.prepare('DELETE FROM participation_scores WHERE course_id = ?');
    this.succeeded = ctx.db.prepare(`
      UPDATE participation_grading SET last_attempt_at = @at, last_success_at = @at, last_pushed_count = @pushedCount,
        seen_seq = max(seen_seq, @seenSeq), failed_attempts = 0, next_attempt_at = NULL, claimed_until = NULL,
        requested_at = CASE WHEN requested_at <= @startedAt THEN NULL ELSE requested_at END
      WHERE course_id = @courseId`);
    this.failed = ctx.db.prepare(`
      UPDATE participation_grading SET last_attempt_at = @at, last_error = @error, last_error_at = @at,
        failed_attempts = failed_attempts + 1, next_attempt_at = @nextAttemptAt, claimed_until = NULL
      WHERE course_id = @courseId`);
    this.scores = ctx.db.prepare<[string], { person_id: string; score_given: number; score_maximum: number; pushed_at: number }>(
      'SELECT person_id, score_given, score_maximum, pushed_at FROM participation_scores WHERE course_id = ? ORDER BY person_id');
    this.saveScore = ctx.db.prepare(`
      INSERT INTO participation_scores (course_id, person_id, score_given, score_maximum, pushed_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (course_id, person_id) DO UPDATE SET
        score_given = excluded.score_given, score_maximum = excluded.score_maximum, pushed_at = excluded.pushed_at`);
  }

  async get(courseId: Id): Promise<CourseGrading> {
    const row = this.one.get(courseId);
    return row ? toGrading(row) : { settings: defaultGrading(courseId), push: { ...EMPTY_PUSH_STATE } };
  }

  async saveSettings(settings: ParticipationGrading & { updatedAt: Date }): Promise<void> {
    await this.ctx.write(() => this.save.run(settingsValues(settings)));
  }

  async recordLaunchLineItem(courseId: Id, url: string): Promise<void> {
    // A course whose staff never saved grade settings gets a row with the defaults (grading off).
    await this.ctx.write(() => this.launchLineItem.run({ ...settingsValues(defaultGrading(courseId)), url }));
  }

  async requestPush(courseId: Id, now: Date): Promise<void> {
    await this.ctx.write(() => this.request.run({ courseId, now: toMillis(now) }));
  }

  async listPushCandidates(now: Date, page: { after: Id | null; limit: number }): Promise<PushCandidate[]> {
    return this.candidates.all({ now: toMillis(now), after: page.after ?? '', limit: page.limit })
      .map((row) => ({ courseId: row.course_id, seenSeq: row.seen_seq, requestedAt: maybeDate(row.requested_at) }));
  }

  claimPush(courseId: Id, now: Date, until: Date): Promise<boolean> {
    return this.ctx.write(() => this.claim.run({ courseId, now: toMillis(now), until: toMillis(until) }).changes === 1);
  }

  async setLineItem(courseId: Id, url: string | null, source: LineItemSource | null): Promise<void> {
    await this.ctx.write(() => {
      const before = this.one.get(courseId);
      if (!before) return;
      this.lineItem.run({ courseId, url, source: url === null ? null : source });
      if (before.line_item_url !== url) this.forgetScores.run(courseId);
    });
  }

  async recordPushSuccess(courseId: Id, result: { at: Date; startedAt: Date; seenSeq: number; pushedCount: number }): Promise<void> {
    await this.ctx.write(() => this.succeeded.run({
      courseId, at: toMillis(result.at), startedAt: toMillis(result.startedAt), seenSeq: result.seenSeq, pushedCount: result.pushedCount,
    }));
  }

  async recordPushFailure(courseId: Id, result: { at: Date; error: string; nextAttemptAt: Date | null }): Promise<void> {
    await this.ctx.write(() => this.failed.run({
      courseId, at: toMillis(result.at), error: result.error, nextAttemptAt: result.nextAttemptAt ? toMillis(result.nextAttemptAt) : null,
    }));
  }

  async listPushedScores(courseId: Id): Promise<PushedScore[]> {
    return this.scores.all(courseId).map((row) => ({
      personId: row.person_id, scoreGiven: row.score_given, scoreMaximum: row.score_maximum, pushedAt: toDate(row.pushed_at),
    }));
  }

  async recordPushedScore(courseId: Id, score: PushedScore): Promise<void> {
    await this.ctx.write(() => this.saveScore.run(courseId, score.personId, score.scoreGiven, score.scoreMaximum, toMillis(score.pushedAt)));
  }
}
