import type { PostKind } from '../../../domain/discussion';
import type { Id } from '../../../domain/ids';
import { SEARCH_MARK, type SearchDocument, type SearchHit, type SearchRepository } from '../../ports';
import type { SqliteContext } from '../rows';

/**
 * Full-text search with SQLite FTS5: bm25 ranking (titles weigh more than bodies) and snippets
 * whose matches are wrapped in control characters, so presenters can escape the text first and
 * add <mark> after. People's words are turned into quoted terms, never raw FTS syntax.
 */
export function toFtsQuery(text: string): string | null {
  const terms = text.toLowerCase().match(/[\p{L}\p{M}\p{N}_]+/gu) ?? [];
  if (terms.length === 0) return null;
  // Every word must appear; the last one may be the start of a longer word (search as you type).
  return terms.slice(0, 12).map((term, i, all) => `"${term}"${i === all.length - 1 ? '*' : ''}`).join(' ');
}

export class SqliteSearch implements SearchRepository {
  constructor(private readonly ctx: SqliteContext) {}

  async index(doc: SearchDocument): Promise<void> {
    await this.ctx.write(() => this.ctx.db.transaction(() => {
      const id = this.ctx.db
        .prepare<[string, string, string, string], number>(`INSERT INTO search_docs (post_kind, post_id, course_id, thread_id) VALUES (?, ?, ?, ?)
          ON CONFLICT (post_kind, post_id) DO UPDATE SET course_id = excluded.course_id RETURNING id`)
        .pluck().get(doc.postKind, doc.postId, doc.courseId, doc.threadId)!;
      this.ctx.db.prepare('DELETE FROM post_search WHERE rowid = ?').run(id);
      this.ctx.db.prepare('INSERT INTO post_search (rowid, title, body) VALUES (?, ?, ?)').run(id, doc.title, doc.body);
    })());
  }

  async remove(postKind: PostKind, postId: Id): Promise<void> {
    await this.ctx.write(() => this.ctx.db.transaction(() => {
      const id = this.ctx.db.prepare<[string, string], number>('DELETE FROM search_docs WHERE post_kind = ? AND post_id = ? RETURNING id').pluck().get(postKind, postId);
      if (id !== undefined) this.ctx.db.prepare('DELETE FROM post_search WHERE rowid = ?').run(id);
    })());
  }

  async search(courseId: Id, query: string, limit: number): Promise<SearchHit[]> {
    const match = toFtsQuery(query);
    if (!match) return [];
    const rows = this.ctx.db
      .prepare<[string, string, string, string, number], { post_kind: PostKind; post_id: string; thread_id: string; snippet: string }>(`
        SELECT d.post_kind, d.post_id, d.thread_id, snippet(post_search, -1, ?, ?, '…', 24) AS snippet
        FROM post_search JOIN search_docs d ON d.id = post_search.rowid
        WHERE post_search MATCH ? AND d.course_id = ?
        ORDER BY bm25(post_search, 4.0, 1.0)
        LIMIT ?`)
      .all(SEARCH_MARK.start, SEARCH_MARK.end, match, courseId, limit);
    return rows.map((row) => ({ postKind: row.post_kind, postId: row.post_id, threadId: row.thread_id, snippet: row.snippet }));
  }
}
