import { replaceMention } from '../../../domain/care';
import type { Anonymity, PostKind } from '../../../domain/discussion';
import type { Id } from '../../../domain/ids';
import type { CourseRole, MembershipSource } from '../../../domain/membership';
import type { Notification } from '../../../domain/notifications';
import type { AuthoredPost, ErasureCounts, PersonalDataRepository, PersonalRecords, RenderedPost } from '../../care-ports';
import { toDate, type SqliteContext } from '../rows';
import { collectAreaRecords, eraseAreaRecords } from './personal-data-areas';

const list = (n: number) => Array.from({ length: n }, () => '?').join(',');
const maybeDate = (millis: number | null): Date | null => (millis === null ? null : toDate(millis));

interface PostRow {
  post_kind: PostKind; id: string; course_id: string; thread_id: string; parent_id: string | null; thread_kind: string | null;
  title: string | null; body_source: string; anonymity: Anonymity; hidden: number; endorsed: number;
  created_at: number; edited_at: number | null; deleted_at: number | null;
}

const toPost = (row: PostRow): AuthoredPost => ({
  postKind: row.post_kind, id: row.id, courseId: row.course_id, threadId: row.thread_id, parentId: row.parent_id,
  threadKind: row.thread_kind, title: row.title, bodySource: row.body_source, anonymity: row.anonymity,
  hidden: row.hidden === 1, endorsed: row.endorsed === 1, createdAt: toDate(row.created_at),
  editedAt: maybeDate(row.edited_at), deletedAt: maybeDate(row.deleted_at),
});

/** A person's own records across every course, and their erasure. */
export class SqlitePersonalData implements PersonalDataRepository {
  constructor(private readonly ctx: SqliteContext) {}

  async collect(personId: Id): Promise<PersonalRecords> {
    const db = this.ctx.db;
    const all = <T>(sql: string) => db.prepare<[string], T>(sql).all(personId);
    const named = <T>(sql: string) => db.prepare<[{ personId: string }], T>(sql).all({ personId });
    return {
      memberships: all<{ course_id: string; person_id: string; role: CourseRole; lti_roles: string; first_launch_at: number; last_launch_at: number; source: MembershipSource; removed_at: number | null }>(
        'SELECT * FROM memberships WHERE person_id = ? ORDER BY first_launch_at, course_id')
        .map((row) => ({
          courseId: row.course_id, personId: row.person_id, role: row.role, ltiRoles: JSON.parse(row.lti_roles) as string[],
          firstLaunchAt: toDate(row.first_launch_at), lastLaunchAt: toDate(row.last_launch_at), source: row.source, removedAt: maybeDate(row.removed_at),
        })),
      // Posts are looked up in the person's courses (the (course_id, author_id) indexes), as in every adapter.
      posts: named<PostRow>(`
        SELECT 'thread' AS post_kind, id, course_id, id AS thread_id, NULL AS parent_id, kind AS thread_kind, title, body_source, anonymity,
          hidden, 0 AS endorsed, created_at, edited_at, deleted_at FROM threads
          WHERE course_id IN (SELECT course_id FROM memberships WHERE person_id = @personId) AND author_id = @personId
        UNION ALL
        SELECT 'reply', id, course_id, thread_id, parent_id, NULL, NULL, body_source, anonymity, hidden, endorsed_by IS NOT NULL,
          created_at, edited_at, deleted_at FROM replies
          WHERE course_id IN (SELECT course_id FROM memberships WHERE person_id = @personId) AND author_id = @personId
        ORDER BY created_at, id`).map(toPost),
      revisions: all<{ id: string; course_id: string; post_kind: PostKind; post_id: string; title: string | null; body_source: string; editor_id: string; created_at: number }>(
        'SELECT * FROM post_revisions WHERE editor_id = ? ORDER BY created_at, id')
        .map((row) => ({
          id: row.id, courseId: row.course_id, postKind: row.post_kind, postId: row.post_id, title: row.title,
          bodySource: row.body_source, editorId: row.editor_id, createdAt: toDate(row.created_at),
        })),
      votes: all<{ course_id: string; post_kind: PostKind; post_id: string; created_at: number }>(
        'SELECT course_id, post_kind, post_id, created_at FROM votes WHERE person_id = ? ORDER BY created_at, post_id')
        .map((row) => ({ courseId: row.course_id, postKind: row.post_kind, postId: row.post_id, createdAt: toDate(row.created_at) })),
      follows: all<{ course_id: string; thread_id: string; created_at: number }>(
        'SELECT course_id, thread_id, created_at FROM follows WHERE person_id = ? ORDER BY created_at, thread_id')
        .map((row) => ({ courseId: row.course_id, threadId: row.thread_id, createdAt: toDate(row.created_at) })),
      reads: all<{ course_id: string; thread_id: string; last_read_at: number }>(
        'SELECT course_id, thread_id, last_read_at FROM thread_reads WHERE person_id = ? ORDER BY last_read_at, thread_id')
        .map((row) => ({ courseId: row.course_id, threadId: row.thread_id, lastReadAt: toDate(row.last_read_at) })),
      visits: all<{ course_id: string; last_visit_at: number }>(
        'SELECT course_id, last_visit_at FROM course_visits WHERE person_id = ? ORDER BY course_id')
        .map((row) => ({ courseId: row.course_id, lastVisitAt: toDate(row.last_visit_at) })),
      notifications: all<{ id: string; person_id: string; course_id: string; kind: Notification['kind']; thread_id: string; reply_id: string | null; actor_id: string; created_at: number; read_at: number | null }>(
        'SELECT * FROM notifications WHERE person_id = ? ORDER BY created_at, id')
        .map((row) => ({
          id: row.id, personId: row.person_id, courseId: row.course_id, kind: row.kind, threadId: row.thread_id, replyId: row.reply_id,
          actorId: row.actor_id, createdAt: toDate(row.created_at), readAt: maybeDate(row.read_at),
        })),
      reports: all<{ id: string; course_id: string; post_kind: PostKind; post_id: string; thread_id: string; reporter_id: string; reason: string; created_at: number; resolved_at: number | null; resolved_by: string | null }>(
        'SELECT * FROM reports WHERE reporter_id = ? ORDER BY created_at, id')
        .map((row) => ({
          id: row.id, courseId: row.course_id, postKind: row.post_kind, postId: row.post_id, threadId: row.thread_id, reporterId: row.reporter_id,
          reason: row.reason, createdAt: toDate(row.created_at), resolvedAt: maybeDate(row.resolved_at), resolvedBy: row.resolved_by,
        })),
      policyAcceptances: all<{ course_id: string; policy_version: number; accepted_at: number }>(
        'SELECT course_id, policy_version, accepted_at FROM policy_acceptances WHERE person_id = ? ORDER BY course_id')
        .map((row) => ({ courseId: row.course_id, policyVersion: row.policy_version, acceptedAt: toDate(row.accepted_at) })),
      pseudonyms: all<{ course_id: string; name: string }>('SELECT course_id, name FROM pseudonyms WHERE person_id = ? ORDER BY course_id')
        .map((row) => ({ courseId: row.course_id, name: row.name })),
      sessions: all<{ created_at: number; expires_at: number }>('SELECT created_at, expires_at FROM sessions WHERE person_id = ? ORDER BY created_at')
        .map((row) => ({ createdAt: toDate(row.created_at), expiresAt: toDate(row.expires_at) })),
      ...collectAreaRecords(db, personId),
    };
  }

  erase(personId: Id, replacement: { name: string; subject: string }): Promise<ErasureCounts> {
    return this.ctx.write(() => this.ctx.db.transaction(() => {
      const db = this.ctx.db;
      db.prepare('UPDATE people SET name = ?, given_name = NULL, family_name = NULL, email = NULL, locale = NULL, subject = ? WHERE id = ?')
        .run(replacement.name, replacement.subject, personId);
      const remove = (table: string) => db.prepare(`DELETE FROM ${table} WHERE person_id = ?`).run(personId).changes;
      return {
        sessions: remove('sessions'),
        memberships: remove('memberships'),
        notifications: remove('notifications'),
        follows: remove('follows'),
        reads: remove('thread_reads'),
        visits: remove('course_visits'),
        votes: remove('votes'),
        policyAcceptances: remove('policy_acceptances'),
        champions: remove('champions'),
        routings: remove('question_routings'),
        ...eraseAreaRecords(db, personId),
      };
    })());
  }

  replaceInRenderedPosts(courseIds: readonly Id[], from: string, to: string): Promise<RenderedPost[]> {
    if (courseIds.length === 0 || from === '') return Promise.resolve([]);
    return this.ctx.write(() => this.ctx.db.transaction(() => {
      const db = this.ctx.db;
      const courses = list(courseIds.length);
      // instr() finds the exact text (LIKE would treat % and _ in a name as wildcards).
      const changed = db
        .prepare<string[], { post_kind: PostKind; id: string; course_id: string; thread_id: string; title: string; body_html: string; searchable: number }>(`
          SELECT 'thread' AS post_kind, id, course_id, id AS thread_id, title, body_html, deleted_at IS NULL AS searchable FROM threads
            WHERE course_id IN (${courses}) AND instr(body_html, ?) > 0
          UNION ALL
          SELECT 'reply', r.id, r.course_id, r.thread_id, t.title, r.body_html, r.deleted_at IS NULL AND r.hidden = 0 FROM replies r
            JOIN threads t ON t.id = r.thread_id WHERE r.course_id IN (${courses}) AND instr(r.body_html, ?) > 0`)
        .all(...courseIds, from, ...courseIds, from);
      db.prepare(`UPDATE threads SET body_html = replace(body_html, ?, ?) WHERE course_id IN (${courses}) AND instr(body_html, ?) > 0`).run(from, to, ...courseIds, from);
      db.prepare(`UPDATE replies SET body_html = replace(body_html, ?, ?) WHERE course_id IN (${courses}) AND instr(body_html, ?) > 0`).run(from, to, ...courseIds, from);
      // Only posts that search holds (not deleted, replies not hidden) need re-indexing.
      return changed.filter((row) => row.searchable === 1).map((row) => ({
        postKind: row.post_kind, id: row.id, courseId: row.course_id, threadId: row.thread_id, title: row.title,
        bodyHtml: row.body_html.split(from).join(to),
      }));
    })());
  }

  replaceMentionInSources(courseId: Id, handle: string, replacement: string): Promise<number> {
    return this.ctx.write(() => this.ctx.db.transaction(() => {
      let changed = 0;
      for (const table of ['threads', 'replies', 'post_revisions'] as const) {
        const rows = this.ctx.db
          .prepare<[string, string], { id: string; body_source: string }>(`SELECT id, body_source FROM ${table} WHERE course_id = ? AND instr(lower(body_source), ?) > 0`)
          .all(courseId, `@${handle.toLowerCase()}`);
        const update = this.ctx.db.prepare(`UPDATE ${table} SET body_source = ? WHERE id = ?`);
        for (const row of rows) {
          const next = replaceMention(row.body_source, handle, replacement);
          if (next !== row.body_source) changed += update.run(next, row.id).changes;
        }
      }
      return changed;
    })());
  }
}
