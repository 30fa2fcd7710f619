import type { PostKind } from '../../../domain/discussion';
import type { Id } from '../../../domain/ids';
import type { SearchDocument, SearchHit, SearchRepository } from '../../ports';
import { queryWords, snippet } from '../../search-text';
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

/** How many of the newest matches of a search are ranked (see search()). */
const CANDIDATES = 2000;

export class SqliteSearch implements SearchRepository {
  constructor(private readonly ctx: SqliteContext) {}

  async index(doc: SearchDocument): Promise<void> {
    await this.ctx.write(() => this.ctx.db.transaction(() => {
      const id = this.ctx.db
        .prepare<[string, string, string, string], number>(`INSERT INTO search_docs (post_kind, post_id, course_id, thread_id) VALUES (?, ?, ?, ?)
          ON CONFLICT (post_kind, post_id) DO UPDATE SET course_id = excluded.course_id RETURNING id`)
        .pluck().get(doc.postKind, doc.postId, doc.courseId, doc.threadId)!;
      this.ctx.db.prepare('DELETE FROM post_search WHERE rowid = ?').run(id);
      this.ctx.db.prepare('INSERT INTO post_search (rowid, title, body, course) VALUES (?, ?, ?, ?)').run(id, doc.title, doc.body, doc.courseId);
    })());
  }

  async remove(postKind: PostKind, postId: Id): Promise<void> {
    await this.ctx.write(() => this.ctx.db.transaction(() => {
      const id = this.ctx.db.prepare<[string, string], number>('DELETE FROM search_docs WHERE post_kind = ? AND post_id = ? RETURNING id').pluck().get(postKind, postId);
      if (id !== undefined) this.ctx.db.prepare('DELETE FROM post_search WHERE rowid = ?').run(id);
    })());
  }

  async search(courseId: Id, query: string, limit: number): Promise<SearchHit[]> {
    const terms = toFtsQuery(query);
    if (!terms) return [];
    // Course ids are ULIDs (letters and digits): safe inside an FTS5 string.
    const match = `course : "${courseId.replace(/[^0-9A-Za-z]/g, '')}" AND (${terms})`;
    // A common word matches tens of thousands of posts in a large course, and ranking all of them
    // costs more than the rest of the page. FTS5 walks matches newest first without sorting, so
    // only the CANDIDATES newest matches are ranked by bm25.
    const ranked = this.ctx.db
      .prepare<[string, number, number], { id: number; post_kind: PostKind; post_id: string; thread_id: string }>(`
        SELECT d.id, d.post_kind, d.post_id, d.thread_id FROM (
          SELECT rowid, bm25(post_search, 4.0, 1.0, 0.0) AS score FROM post_search
          WHERE post_search MATCH ? ORDER BY rowid DESC LIMIT ?
        ) AS candidate JOIN search_docs d ON d.id = candidate.rowid
        ORDER BY candidate.score
        LIMIT ?`)
      .all(match, CANDIDATES, limit);
    if (ranked.length === 0) return [];
    // FTS5's snippet() re-reads every term's match list for each row (the course term's is the
    // whole course), so the winners' text is read by rowid and cut the way snippet() cuts it.
    const texts = new Map(this.ctx.db
      .prepare<number[], { rowid: number; title: string; body: string }>(`SELECT rowid, title, body FROM post_search WHERE rowid IN (${ranked.map(() => '?').join(',')})`)
      .all(...ranked.map((r) => r.id))
      .map((row) => [row.rowid, [row.title, row.body]]));
    const words = queryWords(query);
    return ranked.map((row) => ({ postKind: row.post_kind, postId: row.post_id, threadId: row.thread_id, snippet: snippet(texts.get(row.id) ?? [], words) }));
  }
}
