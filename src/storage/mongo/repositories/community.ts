import type { CourseSettings } from '../../../domain/course-settings';
import { DEFAULT_SETTINGS } from '../../../domain/course-settings';
import type { PostKind } from '../../../domain/discussion';
import type { Id } from '../../../domain/ids';
import type { Notification, Report } from '../../../domain/notifications';
import type { CourseSettingsRepository, NotificationRepository, PseudonymRepository, ReportRepository } from '../../ports';
import type { MongoContext } from '../context';
import { isDuplicateKey } from '../errors';
import type { CourseSettingsDoc, NotificationDoc, PolicyAcceptanceDoc, PseudonymDoc, ReportDoc } from '../schemas';

const toNotification = (doc: NotificationDoc): Notification => ({
  id: doc._id, personId: doc.personId, courseId: doc.courseId, kind: doc.kind, threadId: doc.threadId,
  replyId: doc.replyId ?? null, actorId: doc.actorId, createdAt: doc.createdAt, readAt: doc.readAt ?? null,
});

export class MongoNotifications implements NotificationRepository {
  constructor(private readonly ctx: MongoContext) {}

  async create(notification: Notification): Promise<void> {
    const { id, ...rest } = notification;
    await this.ctx.models.notifications.create([{ _id: id, ...rest }], { session: this.ctx.session });
  }

  async listForPerson(personId: Id, courseId: Id, limit: number): Promise<Notification[]> {
    // SQLite's LIMIT 0 gives nothing; MongoDB's limit(0) would mean "no limit".
    if (limit <= 0) return [];
    const docs = await this.ctx.models.notifications
      .find({ personId, courseId }, null, { session: this.ctx.session })
      .sort({ createdAt: -1, _id: -1 })
      .limit(limit)
      .lean<NotificationDoc[]>();
    return docs.map(toNotification);
  }

  countUnread(personId: Id, courseId: Id): Promise<number> {
    return this.ctx.models.notifications.countDocuments({ personId, courseId, readAt: null }, { session: this.ctx.session }).exec();
  }

  async markRead(personId: Id, courseId: Id, at: Date, ids?: readonly Id[]): Promise<number> {
    if (ids !== undefined && ids.length === 0) return 0;
    const only = ids === undefined ? {} : { _id: { $in: [...new Set(ids)] } };
    const result = await this.ctx.models.notifications.updateMany(
      { personId, courseId, readAt: null, ...only },
      { $set: { readAt: at } },
      { session: this.ctx.session },
    );
    return result.modifiedCount;
  }
}

const toReport = (doc: ReportDoc): Report => ({
  id: doc._id, courseId: doc.courseId, postKind: doc.postKind, postId: doc.postId, threadId: doc.threadId,
  reporterId: doc.reporterId, reason: doc.reason, createdAt: doc.createdAt,
  resolvedAt: doc.resolvedAt ?? null, resolvedBy: doc.resolvedBy ?? null,
});

export class MongoReports implements ReportRepository {
  constructor(private readonly ctx: MongoContext) {}

  async create(report: Report): Promise<void> {
    const { id, ...rest } = report;
    await this.ctx.models.reports.create([{ _id: id, ...rest }], { session: this.ctx.session });
  }

  async listOpen(courseId: Id): Promise<Report[]> {
    const docs = await this.ctx.models.reports
      .find({ courseId, resolvedAt: null }, null, { session: this.ctx.session })
      .sort({ createdAt: 1, _id: 1 })
      .lean<ReportDoc[]>();
    return docs.map(toReport);
  }

  async resolveForPost(courseId: Id, postKind: PostKind, postId: Id, by: Id, at: Date): Promise<number> {
    const result = await this.ctx.models.reports.updateMany(
      { courseId, postKind, postId, resolvedAt: null },
      { $set: { resolvedAt: at, resolvedBy: by } },
      { session: this.ctx.session },
    );
    return result.modifiedCount;
  }
}

export class MongoCourseSettings implements CourseSettingsRepository {
  constructor(private readonly ctx: MongoContext) {}

  async get(courseId: Id, now: Date): Promise<CourseSettings> {
    const doc = await this.ctx.models.courseSettings.findById(courseId, null, { session: this.ctx.session }).lean<CourseSettingsDoc>();
    if (!doc) return DEFAULT_SETTINGS(courseId, now);
    return {
      courseId: doc._id, anonymity: doc.anonymity, postingPolicy: doc.postingPolicy ?? null,
      policyVersion: doc.policyVersion, updatedAt: doc.updatedAt,
    };
  }

  async save(settings: CourseSettings): Promise<void> {
    const { courseId, ...rest } = settings;
    await this.ctx.models.courseSettings.updateOne({ _id: courseId }, { $set: rest }, { upsert: true, session: this.ctx.session });
  }

  async acceptedPolicyVersion(courseId: Id, personId: Id): Promise<number | null> {
    const doc = await this.ctx.models.policyAcceptances
      .findOne({ courseId, personId }, { policyVersion: 1 }, { session: this.ctx.session })
      .lean<Pick<PolicyAcceptanceDoc, 'policyVersion'>>();
    return doc ? doc.policyVersion : null;
  }

  async acceptPolicy(input: { courseId: Id; personId: Id; version: number; at: Date }): Promise<void> {
    await this.ctx.models.policyAcceptances.updateOne(
      { courseId: input.courseId, personId: input.personId },
      { $set: { policyVersion: input.version, acceptedAt: input.at } },
      { upsert: true, session: this.ctx.session },
    );
  }
}

export class MongoPseudonyms implements PseudonymRepository {
  constructor(private readonly ctx: MongoContext) {}

  async getOrAssign(courseId: Id, personId: Id, candidates: readonly string[]): Promise<string> {
    const session = this.ctx.session;
    const existing = await this.find(courseId, personId);
    if (existing !== null) return existing;
    // Names others already have are skipped without trying them: inside a transaction a failed
    // insert would abort it. There, a name (or this person) taken since this read is a write
    // conflict, and the driver runs the whole transaction again.
    const taken = await this.ctx.models.pseudonyms
      .find({ courseId, name: { $in: [...new Set(candidates)] } }, { name: 1, _id: 0 }, { session })
      .lean<Array<Pick<PseudonymDoc, 'name'>>>();
    const takenNames = new Set(taken.map((doc) => doc.name));
    for (const name of candidates) {
      if (takenNames.has(name)) continue;
      try {
        await this.ctx.models.pseudonyms.create([{ courseId, personId, name }], { session });
        return name;
      } catch (error) {
        if (session || !isDuplicateKey(error)) throw error;
        // Outside a transaction, either someone took this name since we looked (try the next), or
        // this person's other first post assigned them one (the unique index on course and
        // person let only one in): keep that one, so the person has a single pseudonym.
        const raced = await this.find(courseId, personId);
        if (raced !== null) return raced;
      }
    }
    throw new Error(`no free pseudonym among ${candidates.length} candidates`);
  }

  async findMany(courseId: Id, personIds: readonly Id[]): Promise<Map<Id, string>> {
    if (personIds.length === 0) return new Map();
    const docs = await this.ctx.models.pseudonyms
      .find({ courseId, personId: { $in: [...new Set(personIds)] } }, { personId: 1, name: 1, _id: 0 }, { session: this.ctx.session })
      .lean<Array<Pick<PseudonymDoc, 'personId' | 'name'>>>();
    return new Map(docs.map((doc) => [doc.personId, doc.name]));
  }

  private async find(courseId: Id, personId: Id): Promise<string | null> {
    const doc = await this.ctx.models.pseudonyms
      .findOne({ courseId, personId }, { name: 1, _id: 0 }, { session: this.ctx.session })
      .lean<Pick<PseudonymDoc, 'name'>>();
    return doc ? doc.name : null;
  }
}
