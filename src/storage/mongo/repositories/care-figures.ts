import type { PipelineStage } from 'mongoose';
import type { EndorsedAnswerCount } from '../../../domain/care';
import { THREAD_KINDS, type Anonymity } from '../../../domain/discussion';
import type { Id } from '../../../domain/ids';
import type { Buckets, EndorsedAnswerFilter, ExpertiseRepository, InsightsRepository } from '../../care-ports';
import type { CareModels } from '../care-schemas';
import type { MongoContext } from '../context';
import { careAreaModels } from './care-area-models';

/** Grouped counts for expertise and insights, computed by the server's aggregation pipeline. */

/**
 * The endorsed answers that count (see EndorsedAnswerFilter), each joined to its thread.
 * `endorsedBy: { $type: 'string' }` matches the partial index on endorsed replies.
 */
function endorsedAnswers(threadsCollection: string, courseId: Id, filter: EndorsedAnswerFilter): PipelineStage[] {
  return [
    {
      $match: {
        courseId, endorsedBy: { $type: 'string' }, parentId: null, deletedAt: null, hidden: false,
        anonymity: { $in: [...filter.anonymity] }, ...(filter.personId !== undefined ? { authorId: filter.personId } : {}),
      },
    },
    { $lookup: { from: threadsCollection, localField: 'threadId', foreignField: '_id', as: 'thread' } },
    { $unwind: '$thread' },
    { $match: { 'thread.deletedAt': null, 'thread.hidden': false, ...(filter.tagIds ? { 'thread.tagIds': { $in: [...filter.tagIds] } } : {}) } },
  ];
}

export class MongoExpertise implements ExpertiseRepository {
  constructor(private readonly ctx: MongoContext) {}

  async countByTag(courseId: Id, filter: EndorsedAnswerFilter): Promise<EndorsedAnswerCount[]> {
    if (filter.anonymity.length === 0 || filter.tagIds?.length === 0) return [];
    const rows = await this.ctx.models.replies.aggregate<{ _id: { personId: string; tagId: string | null }; answers: number }>([
      ...endorsedAnswers(this.ctx.models.threads.collection.name, courseId, filter),
      // An untagged thread keeps one row, with no tag (SQLite's LEFT JOIN gives NULL).
      { $unwind: { path: '$thread.tagIds', preserveNullAndEmptyArrays: true } },
      ...(filter.tagIds ? [{ $match: { 'thread.tagIds': { $in: [...filter.tagIds] } } }] : []),
      { $group: { _id: { personId: '$authorId', tagId: { $ifNull: ['$thread.tagIds', null] } }, answers: { $sum: 1 } } },
      { $sort: { answers: -1, '_id.personId': 1, '_id.tagId': 1 } },
    ]).session(this.ctx.session ?? null);
    return rows.map((row) => ({ personId: row._id.personId, tagId: row._id.tagId, answers: row.answers }));
  }

  async countByAuthor(courseId: Id, filter: EndorsedAnswerFilter): Promise<Array<{ personId: Id; answers: number }>> {
    if (filter.anonymity.length === 0 || filter.tagIds?.length === 0) return [];
    const rows = await this.ctx.models.replies.aggregate<{ _id: string; answers: number }>([
      ...endorsedAnswers(this.ctx.models.threads.collection.name, courseId, filter),
      { $group: { _id: '$authorId', answers: { $sum: 1 } } },
      { $sort: { answers: -1, _id: 1 } },
    ]).session(this.ctx.session ?? null);
    return rows.map((row) => ({ personId: row._id, answers: row.answers }));
  }
}

/** Documents of the course created in the buckets' range, counted per bucket (whole periods since the start). */
function bucketPipeline(courseId: Id, buckets: Buckets, extra: Record<string, unknown>): PipelineStage[] {
  const start = buckets.start;
  const end = new Date(start.getTime() + buckets.bucketMs * buckets.buckets);
  return [
    { $match: { courseId, createdAt: { $gte: start, $lt: end }, ...extra } },
    { $group: { _id: { $floor: { $divide: [{ $subtract: ['$createdAt', start] }, buckets.bucketMs] } }, n: { $sum: 1 } } },
  ];
}

function spreadOver(buckets: Buckets, rows: ReadonlyArray<{ _id: number; n: number }>): number[] {
  const counts = Array.from({ length: buckets.buckets }, () => 0);
  for (const row of rows) counts[row._id] = row.n;
  return counts;
}

export class MongoInsights implements InsightsRepository {
  constructor(private readonly ctx: MongoContext, private readonly care: CareModels) {}

  async activityPerBucket(courseId: Id, buckets: Buckets): Promise<{ threads: number[]; replies: number[]; votes: number[] }> {
    const pipeline = (extra: Record<string, unknown>) => bucketPipeline(courseId, buckets, extra);
    const spread = (rows: Array<{ _id: number; n: number }>) => spreadOver(buckets, rows);
    const session = this.ctx.session ?? null;
    // Naming every kind lets the { courseId, kind, createdAt } index serve the date range.
    const threads = await this.ctx.models.threads.aggregate<{ _id: number; n: number }>(pipeline({ kind: { $in: [...THREAD_KINDS] } })).session(session);
    const replies = await this.ctx.models.replies.aggregate<{ _id: number; n: number }>(pipeline({})).session(session);
    const votes = await this.ctx.models.votes.aggregate<{ _id: number; n: number }>(pipeline({})).session(session);
    return { threads: spread(threads), replies: spread(replies), votes: spread(votes) };
  }

  async participantsSince(courseId: Id, since: Date, anonymity: readonly Anonymity[]): Promise<Id[]> {
    const session = this.ctx.session ?? null;
    const posted = { courseId, createdAt: { $gte: since }, anonymity: { $in: [...anonymity] } };
    const threads = await this.ctx.models.threads.distinct('authorId', posted).session(session);
    const replies = await this.ctx.models.replies.distinct('authorId', posted).session(session);
    const votes = await this.ctx.models.votes.distinct('personId', { courseId, createdAt: { $gte: since } }).session(session);
    return [...new Set([...threads, ...replies, ...votes] as string[])];
  }

  async hotseatQuestionsPerBucket(courseId: Id, buckets: Buckets): Promise<number[]> {
    const rows = await careAreaModels(this.care).hotseatQuestions.aggregate<{ _id: number; n: number }>(bucketPipeline(courseId, buckets, {})).session(this.ctx.session ?? null);
    return spreadOver(buckets, rows);
  }

  async hotseatParticipantsSince(courseId: Id, since: Date, anonymity: readonly Anonymity[]): Promise<Id[]> {
    const session = this.ctx.session ?? null;
    const models = careAreaModels(this.care);
    const askers = await models.hotseatQuestions.distinct('authorId', { courseId, createdAt: { $gte: since }, anonymity: { $in: [...anonymity] } }).session(session);
    const voters = await models.hotseatVotes.distinct('personId', { courseId, createdAt: { $gte: since } }).session(session);
    return [...new Set([...askers, ...voters] as string[])];
  }

  async firstAnswerDelays(courseId: Id, since: Date): Promise<{ delaysMs: number[]; withoutAnswer: number }> {
    const isNull = (field: string) => ({ $eq: [{ $ifNull: [field, null] }, null] });
    const rows = await this.ctx.models.threads.aggregate<{ delay: number | null }>([
      { $match: { courseId, kind: 'question', createdAt: { $gte: since }, deletedAt: null, hidden: false } },
      {
        $lookup: {
          from: this.ctx.models.replies.collection.name,
          let: { threadId: '$_id', askerId: '$authorId' },
          pipeline: [
            {
              $match: {
                $expr: {
                  $and: [
                    { $eq: ['$threadId', '$$threadId'] }, isNull('$parentId'), { $ne: ['$authorId', '$$askerId'] },
                    isNull('$deletedAt'), { $eq: ['$hidden', false] },
                  ],
                },
              },
            },
            { $group: { _id: null, first: { $min: '$createdAt' } } },
          ],
          as: 'answers',
        },
      },
      { $project: { delay: { $subtract: [{ $arrayElemAt: ['$answers.first', 0] }, '$createdAt'] } } },
    ]).session(this.ctx.session ?? null);
    const answered = rows.map((row) => row.delay).filter((delay): delay is number => typeof delay === 'number');
    return { delaysMs: answered, withoutAnswer: rows.length - answered.length };
  }
}
