import type { CourseEvent, StoredCourseEvent } from '../../../domain/events';
import type { Id } from '../../../domain/ids';
import type { CourseEventRepository } from '../../ports';
import type { MongoContext } from '../context';
import type { CourseEventDoc } from '../schemas';

/** The counter document that numbers the event log; `openMongoStorage` creates it. */
export const EVENT_COUNTER = 'course_events';

const toEvent = (doc: CourseEventDoc): StoredCourseEvent => ({
  ...doc.data,
  type: doc.type,
  seq: doc._id,
  courseId: doc.courseId,
  space: doc.space,
  actorId: doc.actorId,
  createdAt: doc.createdAt,
}) as StoredCourseEvent;

export class MongoCourseEvents implements CourseEventRepository {
  constructor(private readonly ctx: MongoContext) {}

  append(event: CourseEvent, now: Date): Promise<StoredCourseEvent> {
    const { courseId, space, actorId, type, ...data } = event;
    // Taking the number and inserting the event commit together (in the caller's transaction, or
    // in one of their own). The counter stays locked until then, so numbers become visible in
    // order: a reader that saw event n can never later find an event below n it had not seen.
    return this.ctx.atomically(async (session) => {
      const counter = await this.ctx.models.counters.findOneAndUpdate(
        { _id: EVENT_COUNTER }, { $inc: { seq: 1 } }, { upsert: true, new: true, session },
      ).lean();
      const doc: CourseEventDoc = { _id: counter!.seq, courseId, space, type, actorId, data, createdAt: now };
      await this.ctx.models.courseEvents.create([doc], { session });
      return toEvent(doc);
    });
  }

  async listAfter(courseId: Id, afterSeq: number, limit: number): Promise<StoredCourseEvent[]> {
    const docs = await this.ctx.models.courseEvents
      .find({ courseId, _id: { $gt: afterSeq } }, null, { session: this.ctx.session })
      .sort({ _id: 1 })
      .limit(limit)
      .lean<CourseEventDoc[]>();
    return docs.map(toEvent);
  }

  async latestSeq(courseId: Id): Promise<number> {
    const doc = await this.ctx.models.courseEvents
      .findOne({ courseId }, { _id: 1 }, { session: this.ctx.session })
      .sort({ _id: -1 })
      .lean<Pick<CourseEventDoc, '_id'>>();
    return doc?._id ?? 0;
  }
}
