import type { FilterQuery, UpdateQuery } from 'mongoose';
import type { Thread } from '../../../domain/discussion';
import type { Id } from '../../../domain/ids';
import { decodeKeyset, encodeKeyset, type Keyset } from '../../keyset';
import type { Page, ThreadCounter, ThreadPatch, ThreadQuery, ThreadRepository, ThreadSort } from '../../ports';
import type { MongoContext } from '../context';
import type { ThreadDoc } from '../schemas';

const toThread = (doc: ThreadDoc): Thread => ({
  id: doc._id, courseId: doc.courseId, authorId: doc.authorId, kind: doc.kind, anonymity: doc.anonymity,
  title: doc.title, bodySource: doc.bodySource, bodyHtml: doc.bodyHtml, tagIds: [...doc.tagIds].sort(),
  replyCount: doc.replyCount, answerCount: doc.answerCount, voteCount: doc.voteCount,
  pinned: doc.pinned, locked: doc.locked, hidden: doc.hidden,
  acceptedReplyId: doc.acceptedReplyId ?? null, endorsedAnswerCount: doc.endorsedAnswerCount,
  createdAt: doc.createdAt, editedAt: doc.editedAt ?? null, deletedAt: doc.deletedAt ?? null, lastActivityAt: doc.lastActivityAt,
});

/** A thread carries each tag once, in id order (SQLite's thread_tags rows, read back sorted). */
const tagSet = (tagIds: readonly Id[]): Id[] => [...new Set(tagIds)].sort();

/** The field each sort orders by (after `pinned`, and before the id that breaks ties). */
const SORT_FIELD = { activity: 'lastActivityAt', newest: 'createdAt', top: 'voteCount' } as const satisfies Record<ThreadSort, keyof ThreadDoc>;

const PATCHABLE = [
  'title', 'bodySource', 'bodyHtml', 'pinned', 'locked', 'hidden', 'acceptedReplyId', 'editedAt', 'deletedAt',
] as const satisfies ReadonlyArray<Exclude<keyof ThreadPatch, 'tagIds'>>;

const COUNTERS = ['replyCount', 'answerCount', 'voteCount', 'endorsedAnswerCount'] as const satisfies readonly ThreadCounter[];

/** The outermost dates a Date can hold: a cursor's key beyond them would make an invalid Date. */
const MAX_MILLIS = 8.64e15;

/**
 * The cursor's sort key as stored: epoch millis for the date sorts, the vote count for 'top'.
 * Cursors are shared with SQLite (see keyset.ts), where the key is the column's integer.
 */
function sortKey(doc: ThreadDoc, sort: ThreadSort): number {
  if (sort === 'top') return doc.voteCount;
  return (sort === 'activity' ? doc.lastActivityAt : doc.createdAt).getTime();
}

/**
 * The threads strictly after the cursor in the order (pinned desc, sort key desc, id desc), as
 * SQLite's `pinned < p OR (pinned = p AND (key < k OR (key = k AND id < i)))`. `pinned` is stored as
 * a boolean and compared as the 0/1 the cursor carries. Null when nothing can come after it (only a
 * cursor we did not make can say so).
 */
function afterCursor(cursor: Keyset, sort: ThreadSort): FilterQuery<ThreadDoc> | null {
  const field = SORT_FIELD[sort];
  const key = sort === 'top' ? cursor.key : new Date(Math.max(-MAX_MILLIS, Math.min(MAX_MILLIS, cursor.key)));
  const branches: Array<FilterQuery<ThreadDoc>> = [];
  const below = [false, true].filter((pinned) => Number(pinned) < cursor.pinned);
  if (below.length > 0) branches.push({ pinned: { $in: below } });
  const same = [false, true].find((pinned) => Number(pinned) === cursor.pinned);
  if (same !== undefined) {
    branches.push({ pinned: same, [field]: { $lt: key } }, { pinned: same, [field]: key, _id: { $lt: cursor.id } });
  }
  return branches.length > 0 ? { $or: branches } : null;
}

export class MongoThreads implements ThreadRepository {
  constructor(private readonly ctx: MongoContext) {}

  async create(thread: Thread): Promise<void> {
    const { id, tagIds, ...rest } = thread;
    await this.ctx.models.threads.create([{ _id: id, ...rest, tagIds: tagSet(tagIds) }], { session: this.ctx.session });
  }

  async findById(courseId: Id, threadId: Id): Promise<Thread | null> {
    const doc = await this.ctx.models.threads
      .findOne({ _id: threadId, courseId }, null, { session: this.ctx.session })
      .lean<ThreadDoc>();
    return doc ? toThread(doc) : null;
  }

  async list(courseId: Id, query: ThreadQuery): Promise<Page<Thread>> {
    const session = this.ctx.session;
    // A deleted thread stays listed while it has replies, so its conversation stays readable.
    const conditions: Array<FilterQuery<ThreadDoc>> = [{ $or: [{ deletedAt: null }, { replyCount: { $gt: 0 } }] }];
    const filter: FilterQuery<ThreadDoc> = { courseId };
    if (!query.includeHidden) filter.hidden = false;
    if (query.unanswered) filter.answerCount = 0;
    if (query.unresolved) Object.assign(filter, { kind: 'question', acceptedReplyId: null, endorsedAnswerCount: 0 });
    if (query.authorId) filter.authorId = query.authorId;
    if (query.tagId) filter.tagIds = query.tagId;
    if (query.followedBy) {
      // A follow records its thread's course, so the person's follows in this course are enough.
      const follows = await this.ctx.models.follows
        .find({ personId: query.followedBy, courseId }, { threadId: 1, _id: 0 }, { session })
        .lean<Array<{ threadId: string }>>();
      filter._id = { $in: follows.map((follow) => follow.threadId) };
    }
    const cursor = query.cursor ? decodeKeyset(query.cursor) : null;
    if (cursor) {
      const after = afterCursor(cursor, query.sort);
      if (!after) return { items: [], nextCursor: null };
      conditions.push(after);
    }
    const field = SORT_FIELD[query.sort];
    // Ask for one more than the page, to know whether another page exists.
    const docs = await this.ctx.models.threads
      .find({ ...filter, $and: conditions }, null, { session })
      .sort({ pinned: -1, [field]: -1, _id: -1 })
      .limit(query.limit + 1)
      .lean<ThreadDoc[]>();
    const items = docs.slice(0, query.limit).map(toThread);
    const last = docs[query.limit - 1];
    return {
      items,
      nextCursor: docs.length > query.limit && last
        ? encodeKeyset({ pinned: last.pinned ? 1 : 0, key: sortKey(last, query.sort), id: last._id })
        : null,
    };
  }

  countByCourse(courseId: Id): Promise<number> {
    return this.ctx.models.threads.countDocuments({ courseId, deletedAt: null, hidden: false }, { session: this.ctx.session }).exec();
  }

  countCreatedSince(courseId: Id, since: Date, exceptAuthorId?: Id): Promise<number> {
    // `pinned` is always true or false: naming both lets the { courseId, pinned, createdAt } index
    // serve the date range (two index ranges), instead of reading every thread of the course.
    return this.ctx.models.threads.countDocuments(
      { courseId, pinned: { $in: [false, true] }, createdAt: { $gt: since }, deletedAt: null, hidden: false, ...(exceptAuthorId ? { authorId: { $ne: exceptAuthorId } } : {}) },
      { session: this.ctx.session },
    ).exec();
  }

  async lastActivityAt(courseId: Id): Promise<Date | null> {
    // Deleted threads count (their replies are activity); hidden ones do not.
    const doc = await this.ctx.models.threads
      .findOne({ courseId, hidden: false }, { lastActivityAt: 1 }, { session: this.ctx.session })
      .sort({ lastActivityAt: -1, _id: -1 })
      .lean<Pick<ThreadDoc, 'lastActivityAt'>>();
    return doc ? doc.lastActivityAt : null;
  }

  async update(courseId: Id, threadId: Id, patch: ThreadPatch): Promise<Thread | null> {
    const set: Record<string, unknown> = {};
    for (const field of PATCHABLE) {
      if (patch[field] !== undefined) set[field] = patch[field];
    }
    if (patch.tagIds !== undefined) set.tagIds = tagSet(patch.tagIds);
    const filter = { _id: threadId, courseId };
    const options = { session: this.ctx.session };
    // One atomic step: the thread as this update left it.
    const doc = Object.keys(set).length > 0
      ? await this.ctx.models.threads.findOneAndUpdate(filter, { $set: set }, { ...options, new: true }).lean<ThreadDoc>()
      : await this.ctx.models.threads.findOne(filter, null, options).lean<ThreadDoc>();
    return doc ? toThread(doc) : null;
  }

  async increment(courseId: Id, threadId: Id, deltas: Partial<Record<ThreadCounter, number>>, activityAt?: Date): Promise<void> {
    // $inc and $max are applied by the server, on the document as it is then: concurrent increments
    // all count, and a late write never moves the activity time backwards.
    const inc: Partial<Record<ThreadCounter, number>> = {};
    for (const counter of COUNTERS) {
      const delta = deltas[counter];
      if (delta !== undefined) inc[counter] = delta;
    }
    const update: UpdateQuery<ThreadDoc> = {};
    if (Object.keys(inc).length > 0) update.$inc = inc;
    if (activityAt) update.$max = { lastActivityAt: activityAt };
    if (Object.keys(update).length === 0) return;
    await this.ctx.models.threads.updateOne({ _id: threadId, courseId }, update, { session: this.ctx.session });
  }

  countByAuthorSince(courseId: Id, authorId: Id, since: Date): Promise<number> {
    return this.ctx.models.threads
      .countDocuments({ courseId, authorId, createdAt: { $gt: since } }, { session: this.ctx.session })
      .exec();
  }

  async removeTagEverywhere(courseId: Id, tagId: Id): Promise<void> {
    await this.ctx.models.threads.updateMany({ courseId, tagIds: tagId }, { $pull: { tagIds: tagId } }, { session: this.ctx.session });
  }
}
