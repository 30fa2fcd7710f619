import type { Id } from '../../../domain/ids';
import type { AlumniRoutedQuestion, AlumniRoutedQuestionRepository } from '../../care-ports';
import type { AlumniRoutedQuestionDoc, CareModels } from '../care-schemas';
import type { MongoContext } from '../context';

/** Which space thread carries a course question routed to alumni (see care-ports.ts). */
export class MongoAlumniRoutedQuestions implements AlumniRoutedQuestionRepository {
  constructor(private readonly ctx: MongoContext, private readonly models: CareModels) {}

  async add(record: AlumniRoutedQuestion): Promise<boolean> {
    // An upsert that only inserts: no duplicate-key error (which would abort a caller's transaction).
    const result = await this.models.alumniRoutedQuestions.updateOne(
      { courseId: record.courseId, threadId: record.threadId },
      { $setOnInsert: { communityId: record.communityId, spaceThreadId: record.spaceThreadId, createdAt: record.createdAt } },
      { upsert: true, session: this.ctx.session },
    );
    return result.upsertedCount > 0;
  }

  async find(courseId: Id, threadId: Id): Promise<AlumniRoutedQuestion | null> {
    const doc = await this.models.alumniRoutedQuestions.findOne({ courseId, threadId }, null, { session: this.ctx.session }).lean<AlumniRoutedQuestionDoc>();
    return doc ? { courseId: doc.courseId, threadId: doc.threadId, communityId: doc.communityId, spaceThreadId: doc.spaceThreadId, createdAt: doc.createdAt } : null;
  }
}
