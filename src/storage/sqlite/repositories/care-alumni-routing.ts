import type { Id } from '../../../domain/ids';
import type { AlumniRoutedQuestion, AlumniRoutedQuestionRepository } from '../../care-ports';
import { toDate, toMillis, type SqliteContext } from '../rows';

interface Row { course_id: string; thread_id: string; community_id: string; space_thread_id: string; created_at: number }

/** Which space thread carries a course question routed to alumni (see care-ports.ts). */
export class SqliteAlumniRoutedQuestions implements AlumniRoutedQuestionRepository {
  constructor(private readonly ctx: SqliteContext) {}

  add(record: AlumniRoutedQuestion): Promise<boolean> {
    return this.ctx.write(() => this.ctx.db
      .prepare('INSERT OR IGNORE INTO alumni_routed_questions (course_id, thread_id, community_id, space_thread_id, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(record.courseId, record.threadId, record.communityId, record.spaceThreadId, toMillis(record.createdAt)).changes === 1);
  }

  async find(courseId: Id, threadId: Id): Promise<AlumniRoutedQuestion | null> {
    const row = this.ctx.db.prepare<[string, string], Row>('SELECT * FROM alumni_routed_questions WHERE course_id = ? AND thread_id = ?').get(courseId, threadId);
    return row ? { courseId: row.course_id, threadId: row.thread_id, communityId: row.community_id, spaceThreadId: row.space_thread_id, createdAt: toDate(row.created_at) } : null;
  }
}
