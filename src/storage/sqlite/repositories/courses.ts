import type { Course, CourseKey } from '../../../domain/course';
import type { Id } from '../../../domain/ids';
import type { CourseRepository } from '../../ports';
import { toDate, toMillis, type SqliteContext } from '../rows';

interface CourseRow {
  id: string; issuer: string; client_id: string; deployment_id: string; context_id: string;
  title: string; label: string | null; created_at: number;
}

const toCourse = (row: CourseRow): Course => ({
  id: row.id, issuer: row.issuer, clientId: row.client_id, deploymentId: row.deployment_id,
  contextId: row.context_id, title: row.title, label: row.label, createdAt: toDate(row.created_at),
});

export class SqliteCourses implements CourseRepository {
  private readonly upsert;
  private readonly byKey;
  private readonly byId;

  constructor(private readonly ctx: SqliteContext) {
    this.upsert = ctx.db.prepare(`
      INSERT INTO courses (id, issuer, client_id, deployment_id, context_id, title, label, created_at)
      VALUES (@id, @issuer, @clientId, @deploymentId, @contextId, @title, @label, @now)
      ON CONFLICT (issuer, client_id, deployment_id, context_id)
      DO UPDATE SET title = excluded.title, label = excluded.label`);
    this.byKey = ctx.db.prepare<[string, string, string, string], CourseRow>(`
      SELECT * FROM courses WHERE issuer = ? AND client_id = ? AND deployment_id = ? AND context_id = ?`);
    this.byId = ctx.db.prepare<[string], CourseRow>('SELECT * FROM courses WHERE id = ?');
  }

  upsertByKey(key: CourseKey, details: { id: Id; title: string; label: string | null; now: Date }): Promise<Course> {
    return this.ctx.write(() => {
      this.upsert.run({ ...key, id: details.id, title: details.title, label: details.label, now: toMillis(details.now) });
      return toCourse(this.byKey.get(key.issuer, key.clientId, key.deploymentId, key.contextId)!);
    });
  }

  async findById(id: Id): Promise<Course | null> {
    const row = this.byId.get(id);
    return row ? toCourse(row) : null;
  }
}
