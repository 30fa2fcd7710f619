import type { Reply } from '../../../domain/discussion';
import type { Id } from '../../../domain/ids';
import type { ReplyPatch, ReplyRepository } from '../../ports';
import type { MongoContext } from '../context';
import type { ReplyDoc } from '../schemas';

const toReply = (doc: ReplyDoc): Reply => ({
  id: doc._id, courseId: doc.courseId, threadId: doc.threadId, parentId: doc.parentId ?? null, authorId: doc.authorId,
  anonymity: doc.anonymity, bodySource: doc.bodySource, bodyHtml: doc.bodyHtml, voteCount: doc.voteCount,
  hidden: doc.hidden, endorsedBy: doc.endorsedBy ?? null, endorsedAt: doc.endorsedAt ?? null,
  createdAt: doc.createdAt, editedAt: doc.editedAt ?? null, deletedAt: doc.deletedAt ?? null,
});

const PATCHABLE = [
  'bodySource', 'bodyHtml', 'hidden', 'endorsedBy', 'endorsedAt', 'editedAt', 'deletedAt',
] as const satisfies ReadonlyArray<keyof ReplyPatch>;

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
    // SQLite's LIMIT 0 gives nothing; MongoDB's limit(0) would mean "no limit".
    if (options.limit <= 0) return [];
    // Ids are time-ordered, so id order is the order replies were written in.
    const after = options.after ? { _id: { $gt: options.after } } : {};
    const docs = await this.ctx.models.replies
      .find({ courseId, threadId, ...after }, null, { session: this.ctx.session })
      .sort({ _id: 1 })
      .limit(options.limit)
      .lean<ReplyDoc[]>();
    return docs.map(toReply);
  }

  async update(courseId: Id, replyId: Id, patch: ReplyPatch): Promise<Reply | null> {
    const set: Record<string, unknown> = {};
    for (const field of PATCHABLE) {
      if (patch[field] !== undefined) set[field] = patch[field];
    }
    const filter = { _id: replyId, courseId };
    const options = { session: this.ctx.session };
    const doc = Object.keys(set).length > 0
      ? await this.ctx.models.replies.findOneAndUpdate(filter, { $set: set }, { ...options, new: true }).lean<ReplyDoc>()
      : await this.ctx.models.replies.findOne(filter, null, options).lean<ReplyDoc>();
    return doc ? toReply(doc) : null;
  }

  async incrementVotes(courseId: Id, replyId: Id, delta: number): Promise<void> {
    await this.ctx.models.replies.updateOne({ _id: replyId, courseId }, { $inc: { voteCount: delta } }, { session: this.ctx.session });
  }

  countByAuthorSince(courseId: Id, authorId: Id, since: Date): Promise<number> {
    return this.ctx.models.replies
      .countDocuments({ courseId, authorId, createdAt: { $gt: since } }, { session: this.ctx.session })
      .exec();
  }

  countCreatedSince(courseId: Id, since: Date, exceptAuthorId?: Id): Promise<number> {
    return this.ctx.models.replies
      .countDocuments({ courseId, createdAt: { $gt: since }, deletedAt: null, hidden: false, ...(exceptAuthorId ? { authorId: { $ne: exceptAuthorId } } : {}) }, { session: this.ctx.session })
      .exec();
  }
}
