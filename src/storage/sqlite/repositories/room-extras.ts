import type { PostKind, PostRevision, Tag } from '../../../domain/discussion';
import type { Id } from '../../../domain/ids';
import type { FollowRepository, ReadStateRepository, RevisionRepository, TagRepository, VoteRepository } from '../../ports';
import { toDate, toMillis, type SqliteContext } from '../rows';

/** Placeholders for an IN (...) list of n values. */
const list = (n: number) => Array.from({ length: n }, () => '?').join(',');

export class SqliteRevisions implements RevisionRepository {
  constructor(private readonly ctx: SqliteContext) {}

  async add(revision: PostRevision): Promise<void> {
    await this.ctx.write(() => this.ctx.db
      .prepare('INSERT INTO post_revisions (id, course_id, post_kind, post_id, title, body_source, editor_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(revision.id, revision.courseId, revision.postKind, revision.postId, revision.title, revision.bodySource, revision.editorId, toMillis(revision.createdAt)));
  }

  async listForPost(courseId: Id, postKind: PostKind, postId: Id): Promise<PostRevision[]> {
    const rows = this.ctx.db
      .prepare<[string, string, string], { id: string; course_id: string; post_kind: PostKind; post_id: string; title: string | null; body_source: string; editor_id: string; created_at: number }>(
        'SELECT * FROM post_revisions WHERE course_id = ? AND post_kind = ? AND post_id = ? ORDER BY created_at, id')
      .all(courseId, postKind, postId);
    return rows.map((row) => ({
      id: row.id, courseId: row.course_id, postKind: row.post_kind, postId: row.post_id, title: row.title,
      bodySource: row.body_source, editorId: row.editor_id, createdAt: toDate(row.created_at),
    }));
  }
}

export class SqliteVotes implements VoteRepository {
  constructor(private readonly ctx: SqliteContext) {}

  toggle(vote: { courseId: Id; postKind: PostKind; postId: Id; personId: Id; at: Date }): Promise<boolean> {
    return this.ctx.write(() => {
      const removed = this.ctx.db
        .prepare('DELETE FROM votes WHERE post_kind = ? AND post_id = ? AND person_id = ?')
        .run(vote.postKind, vote.postId, vote.personId).changes;
      if (removed > 0) return false;
      this.ctx.db
        .prepare('INSERT INTO votes (post_kind, post_id, person_id, course_id, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(vote.postKind, vote.postId, vote.personId, vote.courseId, toMillis(vote.at));
      return true;
    });
  }

  async votedBy(personId: Id, postKind: PostKind, postIds: readonly Id[]): Promise<Set<Id>> {
    if (postIds.length === 0) return new Set();
    const ids = this.ctx.db
      .prepare<string[], string>(`SELECT post_id FROM votes WHERE person_id = ? AND post_kind = ? AND post_id IN (${list(postIds.length)})`)
      .pluck().all(personId, postKind, ...postIds);
    return new Set(ids);
  }
}

export class SqliteTags implements TagRepository {
  constructor(private readonly ctx: SqliteContext) {}

  async create(tag: Tag): Promise<void> {
    await this.ctx.write(() => this.ctx.db
      .prepare('INSERT INTO tags (id, course_id, name, created_at) VALUES (?, ?, ?, ?)')
      .run(tag.id, tag.courseId, tag.name, toMillis(tag.createdAt)));
  }

  async listByCourse(courseId: Id): Promise<Tag[]> {
    return this.ctx.db
      .prepare<[string], { id: string; course_id: string; name: string; created_at: number }>('SELECT * FROM tags WHERE course_id = ? ORDER BY name COLLATE NOCASE')
      .all(courseId)
      .map((row) => ({ id: row.id, courseId: row.course_id, name: row.name, createdAt: toDate(row.created_at) }));
  }

  delete(courseId: Id, tagId: Id): Promise<boolean> {
    return this.ctx.write(() => this.ctx.db.transaction(() => {
      // Only a tag of this course is deleted, and only then taken off its threads.
      if (this.ctx.db.prepare('DELETE FROM tags WHERE course_id = ? AND id = ?').run(courseId, tagId).changes === 0) return false;
      this.ctx.db.prepare('DELETE FROM thread_tags WHERE tag_id = ?').run(tagId);
      return true;
    })());
  }
}

export class SqliteFollows implements FollowRepository {
  constructor(private readonly ctx: SqliteContext) {}

  async follow(input: { personId: Id; threadId: Id; courseId: Id; at: Date }): Promise<void> {
    await this.ctx.write(() => this.ctx.db
      .prepare('INSERT OR IGNORE INTO follows (person_id, thread_id, course_id, created_at) VALUES (?, ?, ?, ?)')
      .run(input.personId, input.threadId, input.courseId, toMillis(input.at)));
  }

  async unfollow(personId: Id, threadId: Id): Promise<void> {
    await this.ctx.write(() => this.ctx.db.prepare('DELETE FROM follows WHERE person_id = ? AND thread_id = ?').run(personId, threadId));
  }

  async followedBy(personId: Id, threadIds: readonly Id[]): Promise<Set<Id>> {
    if (threadIds.length === 0) return new Set();
    return new Set(this.ctx.db
      .prepare<string[], string>(`SELECT thread_id FROM follows WHERE person_id = ? AND thread_id IN (${list(threadIds.length)})`)
      .pluck().all(personId, ...threadIds));
  }

  async followersOf(threadId: Id): Promise<Id[]> {
    return this.ctx.db.prepare<[string], string>('SELECT person_id FROM follows WHERE thread_id = ? ORDER BY created_at').pluck().all(threadId);
  }
}

export class SqliteReadState implements ReadStateRepository {
  constructor(private readonly ctx: SqliteContext) {}

  async markRead(input: { personId: Id; threadId: Id; courseId: Id; at: Date }): Promise<void> {
    await this.ctx.write(() => this.ctx.db
      .prepare(`INSERT INTO thread_reads (person_id, thread_id, course_id, last_read_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (person_id, thread_id) DO UPDATE SET last_read_at = max(last_read_at, excluded.last_read_at)`)
      .run(input.personId, input.threadId, input.courseId, toMillis(input.at)));
  }

  async lastReads(personId: Id, threadIds: readonly Id[]): Promise<Map<Id, Date>> {
    if (threadIds.length === 0) return new Map();
    const rows = this.ctx.db
      .prepare<string[], { thread_id: string; last_read_at: number }>(`SELECT thread_id, last_read_at FROM thread_reads WHERE person_id = ? AND thread_id IN (${list(threadIds.length)})`)
      .all(personId, ...threadIds);
    return new Map(rows.map((row) => [row.thread_id, toDate(row.last_read_at)]));
  }

  recordVisit(personId: Id, courseId: Id, at: Date): Promise<Date | null> {
    return this.ctx.write(() => {
      const previous = this.ctx.db
        .prepare<[string, string], number>('SELECT last_visit_at FROM course_visits WHERE person_id = ? AND course_id = ?')
        .pluck().get(personId, courseId);
      this.ctx.db
        .prepare(`INSERT INTO course_visits (person_id, course_id, last_visit_at, previous_visit_at) VALUES (?, ?, ?, ?)
          ON CONFLICT (person_id, course_id) DO UPDATE SET previous_visit_at = last_visit_at, last_visit_at = excluded.last_visit_at`)
        .run(personId, courseId, toMillis(at), previous ?? null);
      return previous === undefined ? null : toDate(previous);
    });
  }
}
