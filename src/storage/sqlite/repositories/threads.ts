import type { Reply, Thread } from '../../../domain/discussion';
import type { Id } from '../../../domain/ids';
import { decodeCursor, encodeCursor } from '../../cursor';
import type { Page, ReplyRepository, ThreadRepository } from '../../ports';
import { toDate, toMillis, type SqliteContext } from '../rows';

interface ThreadRow {
  id: string; course_id: string; author_id: string; title: string; body_source: string; body_html: string;
  reply_count: number; created_at: number; last_activity_at: number;
}

const toThread = (row: ThreadRow): Thread => ({
  id: row.id, courseId: row.course_id, authorId: row.author_id, title: row.title,
  bodySource: row.body_source, bodyHtml: row.body_html, replyCount: row.reply_count,
  createdAt: toDate(row.created_at), lastActivityAt: toDate(row.last_activity_at),
});

export class SqliteThreads implements ThreadRepository {
  private readonly insert;
  private readonly one;
  private readonly firstPage;
  private readonly nextPage;
  private readonly count;
  private readonly lastActivity;
  private readonly bump;

  constructor(private readonly ctx: SqliteContext) {
    this.insert = ctx.db.prepare(`
      INSERT INTO threads (id, course_id, author_id, title, body_source, body_html, reply_count, created_at, last_activity_at)
      VALUES (@id, @courseId, @authorId, @title, @bodySource, @bodyHtml, @replyCount, @createdAt, @lastActivityAt)`);
    this.one = ctx.db.prepare<[string, string], ThreadRow>('SELECT * FROM threads WHERE course_id = ? AND id = ?');
    this.firstPage = ctx.db.prepare<[string, number], ThreadRow>(`
      SELECT * FROM threads WHERE course_id = ? ORDER BY last_activity_at DESC, id DESC LIMIT ?`);
    this.nextPage = ctx.db.prepare<[string, number, number, string, number], ThreadRow>(`
      SELECT * FROM threads WHERE course_id = ?
        AND (last_activity_at < ? OR (last_activity_at = ? AND id < ?))
      ORDER BY last_activity_at DESC, id DESC LIMIT ?`);
    this.count = ctx.db.prepare<[string], number>('SELECT count(*) FROM threads WHERE course_id = ?').pluck();
    this.lastActivity = ctx.db.prepare<[string], number | null>(
      'SELECT max(last_activity_at) FROM threads WHERE course_id = ?').pluck();
    this.bump = ctx.db.prepare(`
      UPDATE threads SET reply_count = reply_count + 1, last_activity_at = max(last_activity_at, ?)
      WHERE course_id = ? AND id = ?`);
  }

  async create(thread: Thread): Promise<void> {
    await this.ctx.write(() => this.insert.run({
      ...thread, createdAt: toMillis(thread.createdAt), lastActivityAt: toMillis(thread.lastActivityAt),
    }));
  }

  async findById(courseId: Id, threadId: Id): Promise<Thread | null> {
    const row = this.one.get(courseId, threadId);
    return row ? toThread(row) : null;
  }

  async listByActivity(courseId: Id, options: { limit: number; before?: string | null }): Promise<Page<Thread>> {
    const cursor = options.before ? decodeCursor(options.before) : null;
    // Ask for one more than the page so we know whether another page exists.
    const rows = cursor
      ? this.nextPage.all(courseId, cursor.millis, cursor.millis, cursor.id, options.limit + 1)
      : this.firstPage.all(courseId, options.limit + 1);
    const items = rows.slice(0, options.limit).map(toThread);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: rows.length > options.limit && last ? encodeCursor(toMillis(last.lastActivityAt), last.id) : null,
    };
  }

  async countByCourse(courseId: Id): Promise<number> {
    return this.count.get(courseId) ?? 0;
  }

  async lastActivityAt(courseId: Id): Promise<Date | null> {
    const millis = this.lastActivity.get(courseId);
    return millis === null || millis === undefined ? null : toDate(millis);
  }

  async recordReply(courseId: Id, threadId: Id, at: Date): Promise<void> {
    await this.ctx.write(() => this.bump.run(toMillis(at), courseId, threadId));
  }
}

interface ReplyRow {
  id: string; course_id: string; thread_id: string; author_id: string; body_source: string;
  body_html: string; created_at: number;
}

const toReply = (row: ReplyRow): Reply => ({
  id: row.id, courseId: row.course_id, threadId: row.thread_id, authorId: row.author_id,
  bodySource: row.body_source, bodyHtml: row.body_html, createdAt: toDate(row.created_at),
});

export class SqliteReplies implements ReplyRepository {
  private readonly insert;
  private readonly one;
  private readonly firstPage;
  private readonly nextPage;

  constructor(private readonly ctx: SqliteContext) {
    this.insert = ctx.db.prepare(`
      INSERT INTO replies (id, course_id, thread_id, author_id, body_source, body_html, created_at)
      VALUES (@id, @courseId, @threadId, @authorId, @bodySource, @bodyHtml, @createdAt)`);
    this.one = ctx.db.prepare<[string, string], ReplyRow>('SELECT * FROM replies WHERE course_id = ? AND id = ?');
    this.firstPage = ctx.db.prepare<[string, string, number], ReplyRow>(
      'SELECT * FROM replies WHERE course_id = ? AND thread_id = ? ORDER BY id LIMIT ?');
    this.nextPage = ctx.db.prepare<[string, string, string, number], ReplyRow>(
      'SELECT * FROM replies WHERE course_id = ? AND thread_id = ? AND id > ? ORDER BY id LIMIT ?');
  }

  async create(reply: Reply): Promise<void> {
    await this.ctx.write(() => this.insert.run({ ...reply, createdAt: toMillis(reply.createdAt) }));
  }

  async findById(courseId: Id, replyId: Id): Promise<Reply | null> {
    const row = this.one.get(courseId, replyId);
    return row ? toReply(row) : null;
  }

  async listByThread(courseId: Id, threadId: Id, options: { limit: number; after?: Id | null }): Promise<Reply[]> {
    const rows = options.after
      ? this.nextPage.all(courseId, threadId, options.after, options.limit)
      : this.firstPage.all(courseId, threadId, options.limit);
    return rows.map(toReply);
  }
}
