import type { Course, CourseKey } from '../../../domain/course';
import type { Id } from '../../../domain/ids';
import type { CourseRepository } from '../../ports';
import type { MongoContext } from '../context';
import type { CourseDoc } from '../schemas';

const toCourse = (doc: CourseDoc): Course => ({
  id: doc._id, issuer: doc.issuer, clientId: doc.clientId, deploymentId: doc.deploymentId,
  contextId: doc.contextId, title: doc.title, label: doc.label ?? null, createdAt: doc.createdAt,
});

export class MongoCourses implements CourseRepository {
  constructor(private readonly ctx: MongoContext) {}

  async upsertByKey(key: CourseKey, details: { id: Id; title: string; label: string | null; now: Date }): Promise<Course> {
    // The unique index on the key makes this one atomic step; the id and creation time are set only on insert.
    const doc = await this.ctx.models.courses.findOneAndUpdate(
      { issuer: key.issuer, clientId: key.clientId, deploymentId: key.deploymentId, contextId: key.contextId },
      { $set: { title: details.title, label: details.label }, $setOnInsert: { _id: details.id, createdAt: details.now } },
      { upsert: true, new: true, session: this.ctx.session },
    ).lean<CourseDoc>();
    return toCourse(doc!); // an upsert asked for the new document always returns one
  }

  async findById(id: Id): Promise<Course | null> {
    const doc = await this.ctx.models.courses.findById(id, null, { session: this.ctx.session }).lean<CourseDoc>();
    return doc ? toCourse(doc) : null;
  }
}
