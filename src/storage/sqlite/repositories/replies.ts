import type { Reply } from '../../../domain/discussion';
import type { Id } from '../../../domain/ids';
import type { ReplyPatch, ReplyRepository } from '../../ports';
import { sqlValue, toDate, toMillis, type SqliteContext } from '../rows';

interface ReplyRow {
  id: string; course_id: string; thread_id: string; parent_id: string | null; author_id: string; anonymity: Reply['anonymity'];
  body_source: string; body_html: string; vote_count: number; hidden: number; endorsed_by: string | null; endorsed_at: number | null;
  created_at: number; edited_at: number | null; deleted_at: number | null;
}

const dateOrNull = (millis: number | null) => (millis === null ? null : toDate(millis));

const toReply = (row: ReplyRow): Reply => ({
  id: row.id, courseId: row.course_id, threadId: row.thread_id, parentId: row.parent_id, authorId: row.author_id,
  anonymity: row.anonymity, bodySource: row.body_source, bodyHtml: row.body_html, voteCount: row.vote_count,
  hidden: row.hidden === 1, endorsedBy: row.endorsed_by, endorsedAt: dateOrNull(row.endorsed_at),
  createdAt: toDate(row.created_at), editedAt: dateOrNull(row.edited_at), deletedAt: dateOrNull(row.deleted_at),
});

const PATCH_COLUMNS: Record<keyof ReplyPatch, string> = {
  bodySource: 'body_source', bodyHtml: 'body_html', hidden: 'hidden', endorsedBy: 'endorsed_by',
  endorsedAt: 'endorsed_at', editedAt: 'edited_at', deletedAt: 'deleted_at',
};

export class SqliteReplies implements ReplyRepository {
  private readonly insert;
  private readonly one;

  constructor(private readonly ctx: SqliteContext) {
    this.insert = ctx.db.prepare(`
      INSERT INTO replies (id, course_id, thread_id, parent_id, author_id, anonymity, body_source, body_html, vote_count,
        hidden, endorsed_by, endorsed_at, created_at, edited_at, deleted_at)
      VALUES (@id, @courseId, @threadId, @parentId, @authorId, @anonymity, @bodySource, @bodyHtml, @voteCount,
        @hidden, @endorsedBy, @endorsedAt, @createdAt, @editedAt, @deletedAt)`);
    this.one = ctx.db.prepare<[string, string], ReplyRow>('SELECT * FROM replies WHERE course_id = ? AND id = ?');
  }

  async create(reply: Reply): Promise<void> {
    const values = Object.fromEntries(Object.entries(reply).map(([key, value]) => [key, sqlValue(value)]));
    await this.ctx.write(() => this.insert.run(values));
  }

  async findById(courseId: Id, replyId: Id): Promise<Reply | null> {
    const row = this.one.get(courseId, replyId);
    return row ? toReply(row) : null;
  }

  async listByThread(courseId: Id, threadId: Id, options: { limit: number; after?: Id | null }): Promise<Reply[]> {
    return this.ctx.db
      .prepare<[string, string, string, number], ReplyRow>('SELECT * FROM replies WHERE course_id = ? AND thread_id = ? AND id > ? ORDER BY id LIMIT ?')
      .all(courseId, threadId, options.after ?? '', options.limit)
      .map(toReply);
  }

  update(courseId: Id, replyId: Id, patch: ReplyPatch): Promise<Reply | null> {
    return this.ctx.write(() => {
      const entries = Object.entries(patch).filter(([, value]) => value !== undefined) as Array<[keyof ReplyPatch, unknown]>;
      if (entries.length > 0) {
        const sets = entries.map(([key]) => `${PATCH_COLUMNS[key]} = @${key}`).join(', ');
        const values = Object.fromEntries(entries.map(([key, value]) => [key, sqlValue(value)]));
        this.ctx.db.prepare(`UPDATE replies SET ${sets} WHERE course_id = @courseId AND id = @replyId`).run({ ...values, courseId, replyId });
      }
      const row = this.one.get(courseId, replyId);
      return row ? toReply(row) : null;
    });
  }

  async incrementVotes(courseId: Id, replyId: Id, delta: number): Promise<void> {
    await this.ctx.write(() => this.ctx.db.prepare('UPDATE replies SET vote_count = vote_count + ? WHERE course_id = ? AND id = ?').run(delta, courseId, replyId));
  }

  async countByAuthorSince(courseId: Id, authorId: Id, since: Date): Promise<number> {
    return this.ctx.db
      .prepare<[string, string, number], number>('SELECT count(*) FROM replies WHERE course_id = ? AND author_id = ? AND created_at > ?')
      .pluck().get(courseId, authorId, toMillis(since)) ?? 0;
  }

  async countCreatedSince(courseId: Id, since: Date, exceptAuthorId?: Id): Promise<number> {
    return this.ctx.db
      .prepare<[string, number, string], number>('SELECT count(*) FROM replies WHERE course_id = ? AND created_at > ? AND author_id != ? AND deleted_at IS NULL AND hidden = 0')
      .pluck().get(courseId, toMillis(since), exceptAuthorId ?? '') ?? 0;
  }
}
