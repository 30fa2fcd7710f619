import type { PostKind, PostRevision, Tag } from '../../../domain/discussion';
import type { Id } from '../../../domain/ids';
import type { FollowRepository, ReadStateRepository, RevisionRepository, TagRepository, VoteRepository } from '../../ports';
import type { MongoContext } from '../context';
import { isDuplicateKey } from '../errors';
import type { CourseVisitDoc, FollowDoc, PostRevisionDoc, TagDoc, ThreadReadDoc, VoteDoc } from '../schemas';

export class MongoRevisions implements RevisionRepository {
  constructor(private readonly ctx: MongoContext) {}

  async add(revision: PostRevision): Promise<void> {
    const { id, ...rest } = revision;
    await this.ctx.models.revisions.create([{ _id: id, ...rest }], { session: this.ctx.session });
  }

  async listForPost(courseId: Id, postKind: PostKind, postId: Id): Promise<PostRevision[]> {
    const docs = await this.ctx.models.revisions
      .find({ courseId, postKind, postId }, null, { session: this.ctx.session })
      .sort({ createdAt: 1, _id: 1 })
      .lean<PostRevisionDoc[]>();
    return docs.map((doc) => ({
      id: doc._id, courseId: doc.courseId, postKind: doc.postKind, postId: doc.postId, title: doc.title ?? null,
      bodySource: doc.bodySource, editorId: doc.editorId, createdAt: doc.createdAt,
    }));
  }
}

/** How often toggle goes round when toggles by the same person on the same post keep racing it. */
const TOGGLE_ATTEMPTS = 5;

export class MongoVotes implements VoteRepository {
  constructor(private readonly ctx: MongoContext) {}

  async toggle(vote: { courseId: Id; postKind: PostKind; postId: Id; personId: Id; at: Date }): Promise<boolean> {
    const key = { postKind: vote.postKind, postId: vote.postId, personId: vote.personId };
    const session = this.ctx.session;
    // Each call reports the change it made itself, since callers move the post's vote count by
    // +1 or -1 on what it returns. Removing, and inserting only if there was nothing to remove, are
    // each atomic; the unique index on (post, person) settles a race between them:
    // - inside a transaction, a racing toggle's write is a write conflict, and the driver runs the
    //   whole transaction again (a duplicate key there is never caught: see errors.ts);
    // - outside one, a duplicate key means another toggle by this person added the vote between
    //   our delete and our insert. Answering true would have both callers add 1 for one stored
    //   vote. Instead this toggle counts as the later one, as SQLite's serialised writes would
    //   order them: go round, take their vote away, and answer false. The two calls then end as
    //   two toggles one after the other do (no vote; +1 then -1), whatever the interleaving.
    for (let attempt = 1; ; attempt += 1) {
      const removed = await this.ctx.models.votes.deleteOne(key, { session });
      if (removed.deletedCount > 0) return false;
      try {
        await this.ctx.models.votes.create([{ ...key, courseId: vote.courseId, createdAt: vote.at }], { session });
        return true;
      } catch (error) {
        if (session || !isDuplicateKey(error) || attempt >= TOGGLE_ATTEMPTS) throw error;
      }
    }
  }

  async votedBy(personId: Id, postKind: PostKind, postIds: readonly Id[]): Promise<Set<Id>> {
    if (postIds.length === 0) return new Set();
    const docs = await this.ctx.models.votes
      .find({ postKind, postId: { $in: [...new Set(postIds)] }, personId }, { postId: 1, _id: 0 }, { session: this.ctx.session })
      .lean<Array<Pick<VoteDoc, 'postId'>>>();
    return new Set(docs.map((doc) => doc.postId));
  }
}

export class MongoTags implements TagRepository {
  constructor(private readonly ctx: MongoContext) {}

  async create(tag: Tag): Promise<void> {
    // A name that differs only in case breaks the unique index on nameLower and rejects.
    await this.ctx.models.tags.create([{
      _id: tag.id, courseId: tag.courseId, name: tag.name, nameLower: tag.name.toLowerCase(), createdAt: tag.createdAt,
    }], { session: this.ctx.session });
  }

  async listByCourse(courseId: Id): Promise<Tag[]> {
    const docs = await this.ctx.models.tags
      .find({ courseId }, null, { session: this.ctx.session })
      .sort({ nameLower: 1 })
      .lean<TagDoc[]>();
    return docs.map((doc) => ({ id: doc._id, courseId: doc.courseId, name: doc.name, createdAt: doc.createdAt }));
  }

  delete(courseId: Id, tagId: Id): Promise<boolean> {
    // The tag and its place on the course's threads go together, or not at all.
    return this.ctx.atomically(async (session) => {
      const removed = await this.ctx.models.tags.deleteOne({ _id: tagId, courseId }, { session });
      if (removed.deletedCount === 0) return false;
      await this.ctx.models.threads.updateMany({ courseId, tagIds: tagId }, { $pull: { tagIds: tagId } }, { session });
      return true;
    });
  }
}

export class MongoFollows implements FollowRepository {
  constructor(private readonly ctx: MongoContext) {}

  async follow(input: { personId: Id; threadId: Id; courseId: Id; at: Date }): Promise<void> {
    // Following again changes nothing (the first follow keeps its time). The filter is exactly the
    // unique index's key, so the server itself retries an upsert that loses a race to insert.
    await this.ctx.models.follows.updateOne(
      { personId: input.personId, threadId: input.threadId },
      { $setOnInsert: { courseId: input.courseId, createdAt: input.at } },
      { upsert: true, session: this.ctx.session },
    );
  }

  async unfollow(personId: Id, threadId: Id): Promise<void> {
    await this.ctx.models.follows.deleteOne({ personId, threadId }, { session: this.ctx.session });
  }

  async followedBy(personId: Id, threadIds: readonly Id[]): Promise<Set<Id>> {
    if (threadIds.length === 0) return new Set();
    const docs = await this.ctx.models.follows
      .find({ personId, threadId: { $in: [...new Set(threadIds)] } }, { threadId: 1, _id: 0 }, { session: this.ctx.session })
      .lean<Array<Pick<FollowDoc, 'threadId'>>>();
    return new Set(docs.map((doc) => doc.threadId));
  }

  async followersOf(threadId: Id): Promise<Id[]> {
    const docs = await this.ctx.models.follows
      .find({ threadId }, { personId: 1, _id: 0 }, { session: this.ctx.session })
      .sort({ createdAt: 1, _id: 1 })
      .lean<Array<Pick<FollowDoc, 'personId'>>>();
    return docs.map((doc) => doc.personId);
  }
}

export class MongoReadState implements ReadStateRepository {
  constructor(private readonly ctx: MongoContext) {}

  async markRead(input: { personId: Id; threadId: Id; courseId: Id; at: Date }): Promise<void> {
    // $max: reading an older state late never moves the read time backwards.
    await this.ctx.models.threadReads.updateOne(
      { personId: input.personId, threadId: input.threadId },
      { $max: { lastReadAt: input.at }, $setOnInsert: { courseId: input.courseId } },
      { upsert: true, session: this.ctx.session },
    );
  }

  async lastReads(personId: Id, threadIds: readonly Id[]): Promise<Map<Id, Date>> {
    if (threadIds.length === 0) return new Map();
    const docs = await this.ctx.models.threadReads
      .find({ personId, threadId: { $in: [...new Set(threadIds)] } }, { threadId: 1, lastReadAt: 1, _id: 0 }, { session: this.ctx.session })
      .lean<Array<Pick<ThreadReadDoc, 'threadId' | 'lastReadAt'>>>();
    return new Map(docs.map((doc) => [doc.threadId, doc.lastReadAt]));
  }

  async recordVisit(personId: Id, courseId: Id, at: Date): Promise<Date | null> {
    // One atomic step that records this visit and hands back the document as it was before it.
    const before = await this.ctx.models.courseVisits
      .findOneAndUpdate({ personId, courseId }, { $set: { lastVisitAt: at } }, { upsert: true, returnDocument: 'before', session: this.ctx.session })
      .lean<CourseVisitDoc>();
    return before ? before.lastVisitAt : null;
  }
}
