import type { Reply, Thread } from '../../../domain/discussion';
import type { Id } from '../../../domain/ids';
import { decodeCursor, encodeCursor } from '../../cursor';
import type { Page, ReplyRepository, ThreadRepository } from '../../ports';
import type { MongoContext } from '../context';
import type { ReplyDoc, ThreadDoc } from '../schemas';

const toThread = (doc: ThreadDoc): Thread => ({
  id: doc._id, courseId: doc.courseId, authorId: doc.authorId, title: doc.title,
  bodySource: doc.bodySource, bodyHtml: doc.bodyHtml, replyCount: doc.replyCount,
  createdAt: doc.createdAt, lastActivityAt: doc.lastActivityAt,
});

/** Most recent activity first; the id breaks ties, so every thread has one place in the order. */
const byActivity = { lastActivityAt: -1, _id: -1 } as const;

export class MongoThreads implements ThreadRepository {
  constructor(private readonly ctx: MongoContext) {}

  async create(thread: Thread): Promise<void> {
    const { id, ...rest } = thread;
    await this.ctx.models.threads.create([{ _id: id, ...rest }], { session: this.ctx.session });
  }

  async findById(courseId: Id, threadId: Id): Promise<Thread | null> {
    const doc = await this.ctx.models.threads
      .findOne({ _id: threadId, courseId }, null, { session: this.ctx.session })
      .lean<ThreadDoc>();
    return doc ? toThread(doc) : null;
  }

  async listByActivity(courseId: Id, options: { limit: number; before?: string | null }): Promise<Page<Thread>> {
    const cursor = options.before ? decodeCursor(options.before) : null;
    // Keyset page: strictly after the cursor's (time, id) in the order above, like the SQLite adapter.
    const after = cursor
      ? { $or: [
        { lastActivityAt: { $lt: new Date(cursor.millis) } },
        { lastActivityAt: new Date(cursor.millis), _id: { $lt: cursor.id } },
      ] }
      : {};
    // Ask for one more than the page so we know whether another page exists.
    const docs = await this.ctx.models.threads
      .find({ courseId, ...after }, null, { session: this.ctx.session })
      .sort(byActivity)
      .limit(options.limit + 1)
      .lean<ThreadDoc[]>();
    const items = docs.slice(0, options.limit).map(toThread);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: docs.length > options.limit && last ? encodeCursor(last.lastActivityAt.getTime(), last.id) : null,
    };
  }

  countByCourse(courseId: Id): Promise<number> {
    return this.ctx.models.threads.countDocuments({ courseId }, { session: this.ctx.session }).exec();
  }

  async lastActivityAt(courseId: Id): Promise<Date | null> {
    // The first thread in activity order carries the course's latest activity (read from the index).
    const doc = await this.ctx.models.threads
      .findOne({ courseId }, { lastActivityAt: 1 }, { session: this.ctx.session })
      .sort(byActivity)
      .lean<Pick<ThreadDoc, 'lastActivityAt'>>();
    return doc ? doc.lastActivityAt : null;
  }

  async recordReply(courseId: Id, threadId: Id, at: Date): Promise<void> {
    // $max: a reply recorded late never moves the activity time backwards.
    await this.ctx.models.threads.updateOne(
      { _id: threadId, courseId },
      { $inc: { replyCount: 1 }, $max: { lastActivityAt: at } },
      { session: this.ctx.session },
    );
  }
}

const toReply = (doc: ReplyDoc): Reply => ({
  id: doc._id, courseId: doc.courseId, threadId: doc.threadId, authorId: doc.authorId,
  bodySource: doc.bodySource, bodyHtml: doc.bodyHtml, createdAt: doc.createdAt,
});

export class MongoReplies implements ReplyRepository {
  constructor(private readonly ctx: MongoContext) {}

  async create(reply: Reply): Promise<void> {
    const { id, ...rest } = reply;
    await this.ctx.models.replies.create([{ _id: id, ...rest }], { session: this.ctx.session });
  }

  async findById(courseId: Id, replyId: Id): Promise<Reply | null> {
    const doc = await this.ctx.models.replies
      .findOne({ _id: replyId, courseId }, null, { session: this.ctx.session })
      .lean<ReplyDoc>();
    return doc ? toReply(doc) : null;
  }

  async listByThread(courseId: Id, threadId: Id, options: { limit: number; after?: Id | null }): Promise<Reply[]> {
    // Ids are time-ordered, so id order is the order replies were written in.
    const after = options.after ? { _id: { $gt: options.after } } : {};
    const docs = await this.ctx.models.replies
      .find({ courseId, threadId, ...after }, null, { session: this.ctx.session })
      .sort({ _id: 1 })
      .limit(options.limit)
      .lean<ReplyDoc[]>();
    return docs.map(toReply);
  }
}
