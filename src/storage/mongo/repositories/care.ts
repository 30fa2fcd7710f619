import type { ActivityPurge, CareSettings, Champion, QuestionRouting, UnansweredQuestion } from '../../../domain/care';
import { DEFAULT_CARE_SETTINGS } from '../../../domain/care';
import type { Id } from '../../../domain/ids';
import type {
  ActivityLogRepository, CareRepositories, CareSettingsRepository, ChampionRepository, QuestionRoutingRepository,
  UnansweredQuestionRepository,
} from '../../care-ports';
import type { CareModels, CareSettingsDoc, ChampionDoc, QuestionRoutingDoc } from '../care-schemas';
import type { MongoContext } from '../context';
import type { CourseEventDoc, ThreadDoc } from '../schemas';
import { MongoExpertise, MongoInsights } from './care-figures';
import { MongoAlumniRoutedQuestions } from './care-alumni-routing';
import { MongoPersonalData } from './personal-data';

export function mongoCareRepositories(ctx: MongoContext, models: CareModels): CareRepositories {
  return {
    careSettings: new MongoCareSettings(ctx, models),
    unanswered: new MongoUnansweredQuestions(ctx),
    questionRoutings: new MongoQuestionRoutings(ctx, models),
    expertise: new MongoExpertise(ctx),
    champions: new MongoChampions(ctx, models),
    insights: new MongoInsights(ctx, models),
    activityLog: new MongoActivityLog(ctx, models),
    personalData: new MongoPersonalData(ctx, models),
    alumniRoutedQuestions: new MongoAlumniRoutedQuestions(ctx, models),
  };
}

export class MongoCareSettings implements CareSettingsRepository {
  constructor(private readonly ctx: MongoContext, private readonly models: CareModels) {}

  async get(courseId: Id, now: Date): Promise<CareSettings> {
    const doc = await this.models.careSettings.findById(courseId, null, { session: this.ctx.session }).lean<CareSettingsDoc>();
    if (!doc) return DEFAULT_CARE_SETTINGS(courseId, now);
    return { courseId: doc._id, answerTargetHours: doc.answerTargetHours, quietDays: doc.quietDays, retentionDays: doc.retentionDays, updatedAt: doc.updatedAt };
  }

  async save(settings: CareSettings): Promise<void> {
    const { courseId, ...rest } = settings;
    await this.models.careSettings.updateOne({ _id: courseId }, { $set: rest }, { upsert: true, session: this.ctx.session });
  }
}

/** Resolved, deleted and hidden questions are not waiting (domain/care.ts says why replies alone do not count). */
const openQuestions = (courseId: Id) => ({ courseId, kind: 'question', acceptedReplyId: null, endorsedAnswerCount: 0, deletedAt: null, hidden: false });

export class MongoUnansweredQuestions implements UnansweredQuestionRepository {
  constructor(private readonly ctx: MongoContext) {}

  async list(courseId: Id, limit: number): Promise<UnansweredQuestion[]> {
    if (limit <= 0) return [];
    const docs = await this.ctx.models.threads
      .find(openQuestions(courseId), { courseId: 1, authorId: 1, anonymity: 1, title: 1, tagIds: 1, replyCount: 1, answerCount: 1, createdAt: 1 }, { session: this.ctx.session })
      .sort({ createdAt: 1, _id: 1 })
      .limit(limit)
      .lean<Array<Pick<ThreadDoc, '_id' | 'courseId' | 'authorId' | 'anonymity' | 'title' | 'tagIds' | 'replyCount' | 'answerCount' | 'createdAt'>>>();
    return docs.map((doc) => ({
      id: doc._id, courseId: doc.courseId, authorId: doc.authorId, anonymity: doc.anonymity, title: doc.title,
      tagIds: [...doc.tagIds].sort(), replyCount: doc.replyCount, answerCount: doc.answerCount, createdAt: doc.createdAt,
    }));
  }

  async count(courseId: Id, overdueBefore: Date): Promise<{ total: number; overdue: number }> {
    const session = this.ctx.session;
    const total = await this.ctx.models.threads.countDocuments(openQuestions(courseId), { session });
    const overdue = await this.ctx.models.threads.countDocuments({ ...openQuestions(courseId), createdAt: { $lt: overdueBefore } }, { session });
    return { total, overdue };
  }
}

const toRouting = (doc: QuestionRoutingDoc): QuestionRouting => ({
  courseId: doc.courseId, threadId: doc.threadId, personId: doc.personId, routedBy: doc.routedBy, routedAt: doc.routedAt,
});

export class MongoQuestionRoutings implements QuestionRoutingRepository {
  constructor(private readonly ctx: MongoContext, private readonly models: CareModels) {}

  async add(routing: QuestionRouting): Promise<boolean> {
    // An upsert that only inserts: no duplicate-key error (which would abort a caller's transaction).
    const result = await this.models.questionRoutings.updateOne(
      { threadId: routing.threadId, personId: routing.personId },
      { $setOnInsert: { courseId: routing.courseId, routedBy: routing.routedBy, routedAt: routing.routedAt } },
      { upsert: true, session: this.ctx.session },
    );
    return result.upsertedCount > 0;
  }

  async listForThreads(courseId: Id, threadIds: readonly Id[]): Promise<QuestionRouting[]> {
    if (threadIds.length === 0) return [];
    const docs = await this.models.questionRoutings
      .find({ courseId, threadId: { $in: [...new Set(threadIds)] } }, null, { session: this.ctx.session })
      .sort({ routedAt: 1, personId: 1 })
      .lean<QuestionRoutingDoc[]>();
    return docs.map(toRouting);
  }

  async listForPerson(personId: Id): Promise<QuestionRouting[]> {
    const docs = await this.models.questionRoutings
      .find({ personId }, null, { session: this.ctx.session })
      .sort({ routedAt: 1, threadId: 1 })
      .lean<QuestionRoutingDoc[]>();
    return docs.map(toRouting);
  }
}

const toChampion = (doc: ChampionDoc): Champion => ({ courseId: doc.courseId, personId: doc.personId, grantedBy: doc.grantedBy, grantedAt: doc.grantedAt });

export class MongoChampions implements ChampionRepository {
  constructor(private readonly ctx: MongoContext, private readonly models: CareModels) {}

  async add(champion: Champion): Promise<void> {
    await this.models.champions.updateOne(
      { courseId: champion.courseId, personId: champion.personId },
      { $setOnInsert: { grantedBy: champion.grantedBy, grantedAt: champion.grantedAt } },
      { upsert: true, session: this.ctx.session },
    );
  }

  async remove(courseId: Id, personId: Id): Promise<boolean> {
    const result = await this.models.champions.deleteOne({ courseId, personId }, { session: this.ctx.session });
    return result.deletedCount > 0;
  }

  async isChampion(courseId: Id, personId: Id): Promise<boolean> {
    return (await this.models.champions.exists({ courseId, personId }).session(this.ctx.session ?? null)) !== null;
  }

  async listByCourse(courseId: Id): Promise<Champion[]> {
    const docs = await this.models.champions.find({ courseId }, null, { session: this.ctx.session }).sort({ grantedAt: 1, personId: 1 }).lean<ChampionDoc[]>();
    return docs.map(toChampion);
  }

  async listForPerson(personId: Id): Promise<Champion[]> {
    const docs = await this.models.champions.find({ personId }, null, { session: this.ctx.session }).sort({ grantedAt: 1, courseId: 1 }).lean<ChampionDoc[]>();
    return docs.map(toChampion);
  }
}

export class MongoActivityLog implements ActivityLogRepository {
  constructor(private readonly ctx: MongoContext, private readonly models: CareModels) {}

  async coursesWithEventsBefore(cutoff: Date): Promise<Id[]> {
    const ids = await this.ctx.models.courseEvents.distinct('courseId', { createdAt: { $lt: cutoff } }).session(this.ctx.session ?? null);
    return (ids as string[]).sort();
  }

  purgeBefore(courseId: Id, cutoff: Date, now: Date): Promise<number> {
    // One transaction: the purge record never claims more (or less) than was deleted.
    return this.ctx.atomically(async (session) => {
      const events = this.ctx.models.courseEvents;
      const newest = await events.findOne({ courseId }, { _id: 1 }, { session }).sort({ _id: -1 }).lean<Pick<CourseEventDoc, '_id'>>();
      if (!newest) return 0;
      const doomed = { courseId, createdAt: { $lt: cutoff }, _id: { $lt: newest._id } };
      const last = await events.findOne(doomed, { _id: 1 }, { session }).sort({ _id: -1 }).lean<Pick<CourseEventDoc, '_id'>>();
      const { deletedCount } = await events.deleteMany(doomed, { session });
      await this.models.activityPurges.updateOne(
        { _id: courseId },
        { $max: { purgedThroughSeq: last?._id ?? 0 }, $set: { lastPurgeAt: now, lastPurgeCount: deletedCount } },
        { upsert: true, session },
      );
      return deletedCount;
    });
  }

  async findPurge(courseId: Id): Promise<ActivityPurge | null> {
    const doc = await this.models.activityPurges.findById(courseId, null, { session: this.ctx.session }).lean<{ _id: string; purgedThroughSeq: number; lastPurgeAt: Date; lastPurgeCount: number }>();
    return doc ? { courseId: doc._id, purgedThroughSeq: doc.purgedThroughSeq, lastPurgeAt: doc.lastPurgeAt, lastPurgeCount: doc.lastPurgeCount } : null;
  }
}
