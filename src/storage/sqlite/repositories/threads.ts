import type { Thread } from '../../../domain/discussion';
import type { Id } from '../../../domain/ids';
import type { Page, ThreadCounter, ThreadPatch, ThreadQuery, ThreadRepository } from '../../ports';
import { sqlValue, toDate, toMillis, type SqliteContext } from '../rows';
import { decodeKeyset, encodeKeyset } from '../../keyset';

interface ThreadRow {
  id: string; course_id: string; author_id: string; kind: Thread['kind']; anonymity: Thread['anonymity'];
  title: string; body_source: string; body_html: string; tag_ids: string | null;
  reply_count: number; answer_count: number; vote_count: number; pinned: number; locked: number; hidden: number;
  accepted_reply_id: string | null; endorsed_answer_count: number;
  created_at: number; edited_at: number | null; deleted_at: number | null; last_activity_at: number;
}

const toThread = (row: ThreadRow): Thread => ({
  id: row.id, courseId: row.course_id, authorId: row.author_id, kind: row.kind, anonymity: row.anonymity,
  title: row.title, bodySource: row.body_source, bodyHtml: row.body_html,
  tagIds: row.tag_ids ? row.tag_ids.split(',').sort() : [],
  replyCount: row.reply_count, answerCount: row.answer_count, voteCount: row.vote_count,
  pinned: row.pinned === 1, locked: row.locked === 1, hidden: row.hidden === 1,
  acceptedReplyId: row.accepted_reply_id, endorsedAnswerCount: row.endorsed_answer_count,
  createdAt: toDate(row.created_at), editedAt: row.edited_at === null ? null : toDate(row.edited_at),
  deletedAt: row.deleted_at === null ? null : toDate(row.deleted_at), lastActivityAt: toDate(row.last_activity_at),
});

const SELECT = `SELECT t.*, (SELECT group_concat(tag_id) FROM thread_tags WHERE thread_id = t.id) AS tag_ids FROM threads t`;

/** The column each sort orders by (after `pinned`, and before the id that breaks ties). */
const SORT_COLUMN = { activity: 't.last_activity_at', newest: 't.created_at', top: 't.vote_count' } as const;

const PATCH_COLUMNS: Record<Exclude<keyof ThreadPatch, 'tagIds'>, string> = {
  title: 'title', bodySource: 'body_source', bodyHtml: 'body_html', pinned: 'pinned', locked: 'locked',
  hidden: 'hidden', acceptedReplyId: 'accepted_reply_id', editedAt: 'edited_at', deletedAt: 'deleted_at',
};

const COUNTER_COLUMNS: Record<ThreadCounter, string> = {
  replyCount: 'reply_count', answerCount: 'answer_count', voteCount: 'vote_count', endorsedAnswerCount: 'endorsed_answer_count',
};

export class SqliteThreads implements ThreadRepository {
  private readonly insert;
  private readonly insertTag;
  private readonly one;

  constructor(private readonly ctx: SqliteContext) {
    this.insert = ctx.db.prepare(`
      INSERT INTO threads (id, course_id, author_id, kind, anonymity, title, body_source, body_html, reply_count, answer_count,
        vote_count, pinned, locked, hidden, accepted_reply_id, endorsed_answer_count, created_at, edited_at, deleted_at, last_activity_at)
      VALUES (@id, @courseId, @authorId, @kind, @anonymity, @title, @bodySource, @bodyHtml, @replyCount, @answerCount,
        @voteCount, @pinned, @locked, @hidden, @acceptedReplyId, @endorsedAnswerCount, @createdAt, @editedAt, @deletedAt, @lastActivityAt)`);
    this.insertTag = ctx.db.prepare('INSERT OR IGNORE INTO thread_tags (thread_id, tag_id) VALUES (?, ?)');
    this.one = ctx.db.prepare<[string, string], ThreadRow>(`${SELECT} WHERE t.course_id = ? AND t.id = ?`);
  }

  async create(thread: Thread): Promise<void> {
    await this.ctx.write(() => this.ctx.db.transaction(() => {
      const values = Object.fromEntries(Object.entries(thread).map(([key, value]) => [key, sqlValue(value)]));
      this.insert.run({ ...values, tagIds: undefined });
      for (const tagId of thread.tagIds) this.insertTag.run(thread.id, tagId);
    })());
  }

  async findById(courseId: Id, threadId: Id): Promise<Thread | null> {
    const row = this.one.get(courseId, threadId);
    return row ? toThread(row) : null;
  }

  async list(courseId: Id, query: ThreadQuery): Promise<Page<Thread>> {
    const where = ['t.course_id = @courseId', '(t.deleted_at IS NULL OR t.reply_count > 0)'];
    const params: Record<string, string | number> = { courseId, limit: query.limit + 1 };
    if (!query.includeHidden) where.push('t.hidden = 0');
    if (query.unanswered) where.push('t.answer_count = 0');
    if (query.unresolved) where.push("t.kind = 'question' AND t.accepted_reply_id IS NULL AND t.endorsed_answer_count = 0");
    if (query.authorId) { where.push('t.author_id = @authorId'); params.authorId = query.authorId; }
    if (query.followedBy) { where.push('t.id IN (SELECT thread_id FROM follows WHERE person_id = @followedBy)'); params.followedBy = query.followedBy; }
    if (query.tagId) { where.push('t.id IN (SELECT thread_id FROM thread_tags WHERE tag_id = @tagId)'); params.tagId = query.tagId; }
    const column = SORT_COLUMN[query.sort];
    const cursor = query.cursor ? decodeKeyset(query.cursor) : null;
    if (cursor) {
      where.push(`(t.pinned < @cPinned OR (t.pinned = @cPinned AND (${column} < @cKey OR (${column} = @cKey AND t.id < @cId))))`);
      Object.assign(params, { cPinned: cursor.pinned, cKey: cursor.key, cId: cursor.id });
    }
    const rows = this.ctx.db
      .prepare<Record<string, string | number>, ThreadRow>(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY t.pinned DESC, ${column} DESC, t.id DESC LIMIT @limit`)
      .all(params);
    const items = rows.slice(0, query.limit).map(toThread);
    const last = rows[query.limit - 1];
    const key = (row: ThreadRow) => (query.sort === 'activity' ? row.last_activity_at : query.sort === 'newest' ? row.created_at : row.vote_count);
    return { items, nextCursor: rows.length > query.limit && last ? encodeKeyset({ pinned: last.pinned, key: key(last), id: last.id }) : null };
  }

  async countByCourse(courseId: Id): Promise<number> {
    return this.ctx.db.prepare<[string], number>('SELECT count(*) FROM threads WHERE course_id = ? AND deleted_at IS NULL AND hidden = 0').pluck().get(courseId) ?? 0;
  }

  async countCreatedSince(courseId: Id, since: Date, exceptAuthorId?: Id): Promise<number> {
    return this.ctx.db
      .prepare<[string, number, string], number>('SELECT count(*) FROM threads WHERE course_id = ? AND created_at > ? AND author_id != ? AND deleted_at IS NULL AND hidden = 0')
      .pluck().get(courseId, toMillis(since), exceptAuthorId ?? '') ?? 0;
  }

  async lastActivityAt(courseId: Id): Promise<Date | null> {
    const millis = this.ctx.db.prepare<[string], number | null>('SELECT max(last_activity_at) FROM threads WHERE course_id = ? AND hidden = 0').pluck().get(courseId);
    return millis === null || millis === undefined ? null : toDate(millis);
  }

  update(courseId: Id, threadId: Id, patch: ThreadPatch): Promise<Thread | null> {
    return this.ctx.write(() => this.ctx.db.transaction(() => {
      const { tagIds, ...columns } = patch;
      const entries = Object.entries(columns).filter(([, value]) => value !== undefined) as Array<[keyof typeof PATCH_COLUMNS, unknown]>;
      if (entries.length > 0) {
        const sets = entries.map(([key]) => `${PATCH_COLUMNS[key]} = @${key}`).join(', ');
        const values = Object.fromEntries(entries.map(([key, value]) => [key, sqlValue(value)]));
        this.ctx.db.prepare(`UPDATE threads SET ${sets} WHERE course_id = @courseId AND id = @threadId`).run({ ...values, courseId, threadId });
      }
      if (tagIds) {
        this.ctx.db.prepare('DELETE FROM thread_tags WHERE thread_id = ?').run(threadId);
        for (const tagId of tagIds) this.insertTag.run(threadId, tagId);
      }
      const row = this.one.get(courseId, threadId);
      return row ? toThread(row) : null;
    })());
  }

  async increment(courseId: Id, threadId: Id, deltas: Partial<Record<ThreadCounter, number>>, activityAt?: Date): Promise<void> {
    const sets = Object.entries(deltas).map(([key]) => `${COUNTER_COLUMNS[key as ThreadCounter]} = ${COUNTER_COLUMNS[key as ThreadCounter]} + @${key}`);
    if (activityAt) sets.push('last_activity_at = max(last_activity_at, @activityAt)');
    if (sets.length === 0) return;
    await this.ctx.write(() => this.ctx.db
      .prepare(`UPDATE threads SET ${sets.join(', ')} WHERE course_id = @courseId AND id = @threadId`)
      .run({ ...deltas, ...(activityAt ? { activityAt: toMillis(activityAt) } : {}), courseId, threadId }));
  }

  async countByAuthorSince(courseId: Id, authorId: Id, since: Date): Promise<number> {
    return this.ctx.db
      .prepare<[string, string, number], number>('SELECT count(*) FROM threads WHERE course_id = ? AND author_id = ? AND created_at > ?')
      .pluck().get(courseId, authorId, toMillis(since)) ?? 0;
  }

  async removeTagEverywhere(courseId: Id, tagId: Id): Promise<void> {
    await this.ctx.write(() => this.ctx.db
      .prepare('DELETE FROM thread_tags WHERE tag_id = ? AND thread_id IN (SELECT id FROM threads WHERE course_id = ?)')
      .run(tagId, courseId));
  }
}
