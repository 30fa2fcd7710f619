import type { ClientSession } from 'mongoose';
import type { HotseatFollowUp, HotseatQuestion, HotseatSummary, QuestionStatus } from '../../../domain/hotseat';
import type { Id } from '../../../domain/ids';
import type { HotseatFollowUpRepository, HotseatQuestionRepository, HotseatVoteRepository, QuestionPatch, VoteCount } from '../../hotseat-ports';
import type { MongoContext } from '../context';
import { isDuplicateKey } from '../errors';
import type { HotseatFollowUpDoc, HotseatModels, HotseatQuestionDoc, HotseatVoteDoc } from '../hotseat-schemas';
import { patchSet } from './hotseats';

const toQuestion = (doc: HotseatQuestionDoc): HotseatQuestion => ({
  id: doc._id, hotseatId: doc.hotseatId, courseId: doc.courseId, authorId: doc.authorId, anonymity: doc.anonymity,
  bodySource: doc.bodySource, bodyHtml: doc.bodyHtml, status: doc.status, hidden: doc.hidden, voteCount: doc.voteCount,
  voteVersion: doc.voteVersion, declineReason: doc.declineReason ?? null, mergedIntoId: doc.mergedIntoId ?? null,
  answerSource: doc.answerSource ?? null, answerHtml: doc.answerHtml ?? null, answeredBy: doc.answeredBy ?? null,
  answeredAt: doc.answeredAt ?? null, convertedThreadId: doc.convertedThreadId ?? null, createdAt: doc.createdAt,
  editedAt: doc.editedAt ?? null,
});

const PATCHABLE = [
  'bodySource', 'bodyHtml', 'status', 'hidden', 'declineReason', 'mergedIntoId', 'answerSource', 'answerHtml', 'answeredBy',
  'answeredAt', 'convertedThreadId', 'editedAt',
] as const satisfies ReadonlyArray<keyof QuestionPatch>;

/** Questions that count as asked: not taken back, refused or folded into another (as SQLite's COUNTED). */
const NOT_COUNTED: QuestionStatus[] = ['withdrawn', 'declined', 'merged'];

type CountsDoc = Pick<HotseatQuestionDoc, '_id' | 'voteCount' | 'voteVersion'>;
const COUNTS = { _id: 1, voteCount: 1, voteVersion: 1 } as const;
const toCount = (doc: CountsDoc): VoteCount => ({ id: doc._id, voteCount: doc.voteCount, voteVersion: doc.voteVersion });

export class MongoHotseatQuestions implements HotseatQuestionRepository {
  constructor(private readonly ctx: MongoContext, private readonly models: HotseatModels) {}

  async create(question: HotseatQuestion): Promise<void> {
    const { id, ...rest } = question;
    await this.models.hotseatQuestions.create([{ _id: id, ...rest }], { session: this.ctx.session });
  }

  async findById(courseId: Id, questionId: Id): Promise<HotseatQuestion | null> {
    const doc = await this.models.hotseatQuestions
      .findOne({ _id: questionId, courseId }, null, { session: this.ctx.session })
      .lean<HotseatQuestionDoc>();
    return doc ? toQuestion(doc) : null;
  }

  async listByHotseat(hotseatId: Id): Promise<HotseatQuestion[]> {
    // Ids are time-ordered: id order is the order asked.
    const docs = await this.models.hotseatQuestions
      .find({ hotseatId }, null, { session: this.ctx.session })
      .sort({ _id: 1 })
      .lean<HotseatQuestionDoc[]>();
    return docs.map(toQuestion);
  }

  async update(courseId: Id, questionId: Id, patch: QuestionPatch): Promise<HotseatQuestion | null> {
    const set = patchSet(patch, PATCHABLE);
    const filter = { _id: questionId, courseId };
    const options = { session: this.ctx.session };
    // One atomic step: the question as this update left it.
    const doc = Object.keys(set).length > 0
      ? await this.models.hotseatQuestions.findOneAndUpdate(filter, { $set: set }, { ...options, new: true }).lean<HotseatQuestionDoc>()
      : await this.models.hotseatQuestions.findOne(filter, null, options).lean<HotseatQuestionDoc>();
    return doc ? toQuestion(doc) : null;
  }

  countByAuthorSince(hotseatId: Id, authorId: Id, since: Date): Promise<number> {
    return this.models.hotseatQuestions
      .countDocuments({ hotseatId, authorId, createdAt: { $gt: since } }, { session: this.ctx.session })
      .exec();
  }

  countByAuthorBetween(courseId: Id, authorId: Id, from: Date, to: Date): Promise<number> {
    return this.models.hotseatQuestions
      .countDocuments({ courseId, authorId, createdAt: { $gte: from, $lt: to }, status: { $nin: NOT_COUNTED } }, { session: this.ctx.session })
      .exec();
  }

  async voteCounts(questionIds: readonly Id[]): Promise<VoteCount[]> {
    if (questionIds.length === 0) return [];
    const docs = await this.models.hotseatQuestions
      .find({ _id: { $in: [...new Set(questionIds)] } }, COUNTS, { session: this.ctx.session })
      .lean<CountsDoc[]>();
    return docs.map(toCount);
  }

  async summary(hotseatId: Id): Promise<HotseatSummary> {
    const session = this.ctx.session ?? null;
    // Questions waiting for approval are not counted yet (as in SQLite's summary).
    const [counts] = await this.models.hotseatQuestions.aggregate<{ questions: number; answered: number; votes: number }>([
      { $match: { hotseatId, status: { $nin: [...NOT_COUNTED, 'pending'] } } },
      {
        $group: {
          _id: null, questions: { $sum: 1 }, votes: { $sum: '$voteCount' },
          answered: { $sum: { $cond: [{ $eq: ['$status', 'answered'] }, 1, 0] } },
        },
      },
      { $project: { _id: 0, questions: 1, answered: 1, votes: 1 } },
    ]).session(session);
    // Everyone who asked (whatever became of it), voted or followed up, each once.
    const askers = await this.models.hotseatQuestions.distinct('authorId', { hotseatId }).session(session);
    const voters = await this.models.hotseatVotes.distinct('personId', { hotseatId }).session(session);
    const followers = await this.models.hotseatFollowUps.distinct('authorId', { hotseatId }).session(session);
    const participants = new Set<string>([...askers, ...voters, ...followers]).size;
    return { questions: counts?.questions ?? 0, answered: counts?.answered ?? 0, votes: counts?.votes ?? 0, participants };
  }
}

type VoteInput = Parameters<HotseatVoteRepository['toggle']>[0];

/** How often toggle goes round when toggles by the same person on the same question keep racing it. */
const TOGGLE_ATTEMPTS = 5;

export class MongoHotseatVotes implements HotseatVoteRepository {
  constructor(private readonly ctx: MongoContext, private readonly models: HotseatModels) {}

  async toggle(vote: VoteInput): Promise<{ voted: boolean } & VoteCount> {
    const session = this.ctx.session;
    const key = { questionId: vote.questionId, personId: vote.personId };
    const voted = session ? await this.toggleInTransaction(vote, session) : await this.toggleAlone(vote);
    // $inc on the server, never a count read beforehand: concurrent toggles by different people
    // each move the count once and the version once, and each gets the document as its own
    // update left it. Outside a transaction this is a step of its own after the vote (votes are
    // the hottest path; a transaction per vote would have every voter of a popular question
    // retry on write conflicts), so a crash between the two can leave the count off by one
    // until a merge recounts it. Inside the caller's transaction both commit together.
    const counts = await this.models.hotseatQuestions.findOneAndUpdate(
      { _id: vote.questionId, courseId: vote.courseId },
      { $inc: { voteCount: voted ? 1 : -1, voteVersion: 1 } },
      { new: true, projection: COUNTS, session },
    ).lean<CountsDoc>();
    if (!counts) {
      // No such question in this course (callers find it first, so only by mistake): take back a
      // vote this call added; inside a transaction, throwing undoes everything.
      if (!session && voted) await this.models.hotseatVotes.deleteOne(key);
      throw new Error(`No hotseat question ${vote.questionId} in course ${vote.courseId}.`);
    }
    return { voted, ...toCount(counts) };
  }

  /**
   * Outside a transaction: insert the vote, and on a duplicate key (the unique (question, person)
   * index says the vote is there) delete it instead. Each call reports the change it made itself,
   * since it moves the count by that. If the delete finds nothing, a racing toggle by the same
   * person took the vote back between our insert and our delete: go round, as SQLite's serialised
   * writes would order them.
   */
  private async toggleAlone(vote: VoteInput): Promise<boolean> {
    const key = { questionId: vote.questionId, personId: vote.personId };
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.models.hotseatVotes.create([{ ...key, hotseatId: vote.hotseatId, courseId: vote.courseId, createdAt: vote.at }]);
        return true;
      } catch (error) {
        if (!isDuplicateKey(error) || attempt >= TOGGLE_ATTEMPTS) throw error;
      }
      const removed = await this.models.hotseatVotes.deleteOne(key);
      if (removed.deletedCount > 0) return false;
    }
  }

  /**
   * Inside the caller's transaction a duplicate key must never be caught (see errors.ts), so
   * delete first and insert only when there was nothing to delete. A racing toggle by the same
   * person writes the same index key: the later transaction hits a write conflict and the driver
   * runs it again on the new state.
   */
  private async toggleInTransaction(vote: VoteInput, session: ClientSession): Promise<boolean> {
    const key = { questionId: vote.questionId, personId: vote.personId };
    const removed = await this.models.hotseatVotes.deleteOne(key, { session });
    if (removed.deletedCount > 0) return false;
    await this.models.hotseatVotes.create([{ ...key, hotseatId: vote.hotseatId, courseId: vote.courseId, createdAt: vote.at }], { session });
    return true;
  }

  async votedBy(personId: Id, questionIds: readonly Id[]): Promise<Set<Id>> {
    if (questionIds.length === 0) return new Set();
    const docs = await this.models.hotseatVotes
      .find({ personId, questionId: { $in: [...new Set(questionIds)] } }, { questionId: 1, _id: 0 }, { session: this.ctx.session })
      .lean<Array<Pick<HotseatVoteDoc, 'questionId'>>>();
    return new Set(docs.map((doc) => doc.questionId));
  }

  merge(courseId: Id, fromId: Id, intoId: Id): Promise<VoteCount> {
    // In the caller's transaction (the merge command also changes both questions), or in one of
    // its own: the moved votes and both counts stand or fall together.
    return this.ctx.atomically(async (session) => {
      const moving = await this.models.hotseatVotes
        .find({ questionId: fromId, courseId }, null, { session })
        .lean<HotseatVoteDoc[]>();
      if (moving.length > 0) {
        // Keyed on the unique index: someone who already votes for `intoId` keeps that one vote.
        await this.models.hotseatVotes.bulkWrite(moving.map((moved) => ({
          updateOne: {
            filter: { questionId: intoId, personId: moved.personId },
            update: { $setOnInsert: { hotseatId: moved.hotseatId, courseId: moved.courseId, createdAt: moved.createdAt } },
            upsert: true,
          },
        })), { session });
        await this.models.hotseatVotes.deleteMany({ questionId: fromId, courseId }, { session });
      }
      await this.recount(courseId, fromId, session);
      const merged = await this.recount(courseId, intoId, session);
      if (!merged) throw new Error(`No hotseat question ${intoId} in course ${courseId}.`);
      return toCount(merged);
    });
  }

  /** Sets the question's count from the votes it holds now, and moves its version on. */
  private async recount(courseId: Id, questionId: Id, session: ClientSession): Promise<CountsDoc | null> {
    const voteCount = await this.models.hotseatVotes.countDocuments({ questionId }, { session });
    return this.models.hotseatQuestions.findOneAndUpdate(
      { _id: questionId, courseId },
      { $set: { voteCount }, $inc: { voteVersion: 1 } },
      { new: true, projection: COUNTS, session },
    ).lean<CountsDoc>();
  }
}

export class MongoHotseatFollowUps implements HotseatFollowUpRepository {
  constructor(private readonly ctx: MongoContext, private readonly models: HotseatModels) {}

  async create(followUp: HotseatFollowUp): Promise<void> {
    const { id, ...rest } = followUp;
    await this.models.hotseatFollowUps.create([{ _id: id, ...rest }], { session: this.ctx.session });
  }

  async listByHotseat(hotseatId: Id): Promise<HotseatFollowUp[]> {
    // Ids are time-ordered: id order is oldest first.
    const docs = await this.models.hotseatFollowUps
      .find({ hotseatId }, null, { session: this.ctx.session })
      .sort({ _id: 1 })
      .lean<HotseatFollowUpDoc[]>();
    return docs.map((doc) => ({
      id: doc._id, questionId: doc.questionId, hotseatId: doc.hotseatId, courseId: doc.courseId, authorId: doc.authorId,
      anonymity: doc.anonymity, bodySource: doc.bodySource, bodyHtml: doc.bodyHtml, createdAt: doc.createdAt,
    }));
  }
}
