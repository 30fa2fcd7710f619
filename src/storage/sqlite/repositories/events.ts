import type { CourseEvent, CourseEventData, StoredCourseEvent } from '../../../domain/events';
import type { Id } from '../../../domain/ids';
import type { CourseEventRepository } from '../../ports';
import { toDate, toMillis, type SqliteContext } from '../rows';

interface EventRow {
  seq: number; course_id: string; space: string; type: string; actor_id: string; data: string; created_at: number;
}

const toEvent = (row: EventRow): StoredCourseEvent => ({
  ...(JSON.parse(row.data) as CourseEventData),
  seq: row.seq,
  courseId: row.course_id,
  space: row.space as StoredCourseEvent['space'],
  actorId: row.actor_id,
  createdAt: toDate(row.created_at),
});

export class SqliteCourseEvents implements CourseEventRepository {
  private readonly insert;
  private readonly after;
  private readonly latest;

  constructor(private readonly ctx: SqliteContext) {
    this.insert = ctx.db.prepare<[string, string, string, string, string, number], EventRow>(`
      INSERT INTO course_events (course_id, space, type, actor_id, data, created_at)
      VALUES (?, ?, ?, ?, ?, ?) RETURNING *`);
    this.after = ctx.db.prepare<[string, number, number], EventRow>(
      'SELECT * FROM course_events WHERE course_id = ? AND seq > ? ORDER BY seq LIMIT ?');
    this.latest = ctx.db.prepare<[string], number | null>(
      'SELECT max(seq) FROM course_events WHERE course_id = ?').pluck();
  }

  append(event: CourseEvent, now: Date): Promise<StoredCourseEvent> {
    const { courseId, space, actorId, ...data } = event;
    return this.ctx.write(() => toEvent(this.insert.get(
      courseId, space, data.type, actorId, JSON.stringify(data), toMillis(now))!));
  }

  async listAfter(courseId: Id, afterSeq: number, limit: number): Promise<StoredCourseEvent[]> {
    return this.after.all(courseId, afterSeq, limit).map(toEvent);
  }

  async latestSeq(courseId: Id): Promise<number> {
    return this.latest.get(courseId) ?? 0;
  }
}
