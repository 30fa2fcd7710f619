import type { Id } from '../../../domain/ids';
import { defaultGrading, type ParticipationGrading } from '../../../domain/participation';
import {
  EMPTY_PUSH_STATE, type Contribution, type CourseGrading, type LineItemSource, type ParticipationGradeRepository, type ParticipationRepository,
  type PushCandidate, type PushedScore,
} from '../../grades-ports';
import type { MongoContext } from '../context';
import type { GradeModels, ParticipationGradingDoc, ParticipationScoreDoc } from '../grades-schemas';
import type { ReplyDoc, ThreadDoc } from '../schemas';

/** Threads, replies and endorsed answers as the rubric counts them (see ParticipationRepository). */
export class MongoParticipation implements ParticipationRepository {
  constructor(private readonly ctx: MongoContext) {}

  async listContributions(courseId: Id, options: { authorId?: Id } = {}): Promise<Contribution[]> {
    const session = this.ctx.session;
    const mine = options.authorId ? { authorId: options.authorId } : {};
    // A course has few hidden threads; their replies do not count.
    const hidden = await this.ctx.models.threads.find({ courseId, hidden: true }, { _id: 1 }, { session }).lean<Array<{ _id: string }>>();
    const threads = await this.ctx.models.threads
      .find({ courseId, deletedAt: null, hidden: false, ...mine }, { authorId: 1, createdAt: 1 }, { session })
      .lean<Array<Pick<ThreadDoc, 'authorId' | 'createdAt'>>>();
    const replies = await this.ctx.models.replies
      .find(
        { courseId, deletedAt: null, hidden: false, threadId: { $nin: hidden.map((doc) => doc._id) }, ...mine },
        { authorId: 1, createdAt: 1, parentId: 1, endorsedBy: 1 },
        { session },
      )
      .lean<Array<Pick<ReplyDoc, 'authorId' | 'createdAt' | 'parentId' | 'endorsedBy'>>>();
    const found: Contribution[] = threads.map((doc) => ({ authorId: doc.authorId, kind: 'thread', at: doc.createdAt }));
    for (const reply of replies) {
      found.push({ authorId: reply.authorId, kind: 'reply', at: reply.createdAt });
      if (!reply.parentId && reply.endorsedBy) found.push({ authorId: reply.authorId, kind: 'endorsedAnswer', at: reply.createdAt });
    }
    // The order SQLite gives: by time, then by kind's name.
    return found.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  }
}

const toGrading = (doc: ParticipationGradingDoc): CourseGrading => ({
  settings: {
    courseId: doc._id, enabled: doc.enabled,
    pointsPerThread: doc.pointsPerThread, pointsPerReply: doc.pointsPerReply,
    pointsPerEndorsedAnswer: doc.pointsPerEndorsedAnswer, pointsPerHotseatQuestion: doc.pointsPerHotseatQuestion,
    weeklyCap: doc.weeklyCap, scoreMaximum: doc.scoreMaximum, label: doc.label,
    updatedAt: doc.updatedAt ?? null, updatedBy: doc.updatedBy ?? null,
  },
  push: {
    lineItemUrl: doc.lineItemUrl ?? null, lineItemSource: doc.lineItemSource ?? null, launchLineItemUrl: doc.launchLineItemUrl ?? null,
    seenSeq: doc.seenSeq ?? 0, requestedAt: doc.requestedAt ?? null,
    lastAttemptAt: doc.lastAttemptAt ?? null, lastSuccessAt: doc.lastSuccessAt ?? null, lastPushedCount: doc.lastPushedCount ?? null,
    lastError: doc.lastError ?? null, lastErrorAt: doc.lastErrorAt ?? null,
    failedAttempts: doc.failedAttempts ?? 0, nextAttemptAt: doc.nextAttemptAt ?? null, claimedUntil: doc.claimedUntil ?? null,
  },
});

const settingsFields = (s: ParticipationGrading) => ({
  enabled: s.enabled, pointsPerThread: s.pointsPerThread, pointsPerReply: s.pointsPerReply,
  pointsPerEndorsedAnswer: s.pointsPerEndorsedAnswer, pointsPerHotseatQuestion: s.pointsPerHotseatQuestion,
  weeklyCap: s.weeklyCap, scoreMaximum: s.scoreMaximum, label: s.label, updatedAt: s.updatedAt, updatedBy: s.updatedBy,
});

export class MongoParticipationGrades implements ParticipationGradeRepository {
  constructor(private readonly ctx: MongoContext, private readonly models: GradeModels) {}

  private get session() {
    return this.ctx.session;
  }

  async get(courseId: Id): Promise<CourseGrading> {
    const doc = await this.models.participationGrading.findById(courseId, null, { session: this.session }).lean<ParticipationGradingDoc>();
    return doc ? toGrading(doc) : { settings: defaultGrading(courseId), push: { ...EMPTY_PUSH_STATE } };
  }

  async saveSettings(settings: ParticipationGrading & { updatedAt: Date }): Promise<void> {
    await this.models.participationGrading.updateOne(
      { _id: settings.courseId },
      { $set: { ...settingsFields(settings), requestedAt: settings.updatedAt, failedAttempts: 0, nextAttemptAt: null } },
      { upsert: true, setDefaultsOnInsert: true, session: this.session },
    );
  }

  async recordLaunchLineItem(courseId: Id, url: string): Promise<void> {
    // A course whose staff never saved grade settings gets a document with the defaults (grading off).
    await this.models.participationGrading.updateOne(
      { _id: courseId },
      { $set: { launchLineItemUrl: url }, $setOnInsert: settingsFields(defaultGrading(courseId)) },
      { upsert: true, setDefaultsOnInsert: true, session: this.session },
    );
  }

  async requestPush(courseId: Id, now: Date): Promise<void> {
    await this.models.participationGrading.updateOne(
      { _id: courseId }, { $set: { requestedAt: now, failedAttempts: 0, nextAttemptAt: null } }, { session: this.session });
  }

  async listPushCandidates(now: Date, page: { after: Id | null; limit: number }): Promise<PushCandidate[]> {
    if (page.limit <= 0) return [];
    const after = page.after ? { _id: { $gt: page.after } } : {};
    const docs = await this.models.participationGrading
      .find({ enabled: true, $or: [{ failedAttempts: 0 }, { nextAttemptAt: { $lte: now } }], ...after }, { seenSeq: 1, requestedAt: 1 }, { session: this.session })
      .sort({ _id: 1 })
      .limit(page.limit)
      .lean<Array<Pick<ParticipationGradingDoc, '_id' | 'seenSeq' | 'requestedAt'>>>();
    return docs.map((doc) => ({ courseId: doc._id, seenSeq: doc.seenSeq ?? 0, requestedAt: doc.requestedAt ?? null }));
  }

  async claimPush(courseId: Id, now: Date, until: Date): Promise<boolean> {
    // One conditional update of one document: of two racing claimers, only one matches.
    const result = await this.models.participationGrading.updateOne(
      { _id: courseId, $or: [{ claimedUntil: null }, { claimedUntil: { $lte: now } }] },
      { $set: { claimedUntil: until, lastAttemptAt: now } },
      { session: this.session },
    );
    return result.matchedCount === 1;
  }

  setLineItem(courseId: Id, url: string | null, source: LineItemSource | null): Promise<void> {
    return this.ctx.atomically(async (session) => {
      const before = await this.models.participationGrading.findById(courseId, { lineItemUrl: 1, launchLineItemUrl: 1 }, { session })
        .lean<Pick<ParticipationGradingDoc, 'lineItemUrl' | 'launchLineItemUrl'>>();
      if (!before) return;
      const forgetLaunch = url === null && before.launchLineItemUrl === before.lineItemUrl ? { launchLineItemUrl: null } : {};
      await this.models.participationGrading.updateOne(
        { _id: courseId }, { $set: { lineItemUrl: url, lineItemSource: url === null ? null : source, ...forgetLaunch } }, { session });
      if ((before.lineItemUrl ?? null) !== url) await this.models.participationScores.deleteMany({ courseId }, { session });
    });
  }

  recordPushSuccess(courseId: Id, result: { at: Date; startedAt: Date; seenSeq: number; pushedCount: number }): Promise<void> {
    return this.ctx.atomically(async (session) => {
      const before = await this.models.participationGrading.findById(courseId, { seenSeq: 1, requestedAt: 1 }, { session })
        .lean<Pick<ParticipationGradingDoc, 'seenSeq' | 'requestedAt'>>();
      if (!before) return;
      // A request made while this push ran (staff saved again) still needs a push of its own.
      const stillRequested = before.requestedAt && before.requestedAt.getTime() > result.startedAt.getTime() ? before.requestedAt : null;
      await this.models.participationGrading.updateOne({ _id: courseId }, {
        $set: {
          lastAttemptAt: result.at, lastSuccessAt: result.at, lastPushedCount: result.pushedCount,
          seenSeq: Math.max(before.seenSeq ?? 0, result.seenSeq), failedAttempts: 0, nextAttemptAt: null, claimedUntil: null,
          requestedAt: stillRequested,
        },
      }, { session });
    });
  }

  async recordPushFailure(courseId: Id, result: { at: Date; error: string; nextAttemptAt: Date | null }): Promise<void> {
    await this.models.participationGrading.updateOne(
      { _id: courseId },
      { $set: { lastAttemptAt: result.at, lastError: result.error, lastErrorAt: result.at, nextAttemptAt: result.nextAttemptAt, claimedUntil: null }, $inc: { failedAttempts: 1 } },
      { session: this.session },
    );
  }

  async listPushedScores(courseId: Id): Promise<PushedScore[]> {
    const docs = await this.models.participationScores.find({ courseId }, null, { session: this.session }).sort({ personId: 1 }).lean<ParticipationScoreDoc[]>();
    return docs.map((doc) => ({ personId: doc.personId, scoreGiven: doc.scoreGiven, scoreMaximum: doc.scoreMaximum, pushedAt: doc.pushedAt }));
  }

  async recordPushedScore(courseId: Id, score: PushedScore): Promise<void> {
    await this.models.participationScores.updateOne(
      { courseId, personId: score.personId },
      { $set: { scoreGiven: score.scoreGiven, scoreMaximum: score.scoreMaximum, pushedAt: score.pushedAt } },
      { upsert: true, session: this.session },
    );
  }
}
