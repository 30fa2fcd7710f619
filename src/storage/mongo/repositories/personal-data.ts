import type { FilterQuery, Model } from 'mongoose';
import { replaceMention } from '../../../domain/care';
import type { Id } from '../../../domain/ids';
import type { AuthoredPost, ErasureCounts, PersonalDataRepository, PersonalRecords, RenderedPost } from '../../care-ports';
import type { CareModels } from '../care-schemas';
import type { MongoContext } from '../context';
import { collectAreaRecords, eraseAreaRecords } from './personal-data-areas';
import type {
  CourseVisitDoc, FollowDoc, MembershipDoc, NotificationDoc, PersonDoc, PolicyAcceptanceDoc, PostRevisionDoc, PseudonymDoc, ReplyDoc,
  ReportDoc, SessionDoc, ThreadDoc, ThreadReadDoc, VoteDoc,
} from '../schemas';

const byTimeThenId = <T extends { createdAt: Date; id: string }>(a: T, b: T) =>
  a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A person's own records across every course, and their erasure. */
export class MongoPersonalData implements PersonalDataRepository {
  constructor(private readonly ctx: MongoContext, private readonly care: CareModels) {}

  async collect(personId: Id): Promise<PersonalRecords> {
    const m = this.ctx.models;
    const session = this.ctx.session;
    const memberships = await m.memberships.find({ personId }, null, { session }).sort({ firstLaunchAt: 1, courseId: 1 }).lean<MembershipDoc[]>();
    // Posts are looked up in the person's courses, through the { courseId, authorId } indexes.
    const courseIds = memberships.map((doc) => doc.courseId);
    const threads = await m.threads.find({ courseId: { $in: courseIds }, authorId: personId }, null, { session }).lean<ThreadDoc[]>();
    const replies = await m.replies.find({ courseId: { $in: courseIds }, authorId: personId }, null, { session }).lean<ReplyDoc[]>();
    const posts: AuthoredPost[] = [
      ...threads.map((doc): AuthoredPost => ({
        postKind: 'thread', id: doc._id, courseId: doc.courseId, threadId: doc._id, parentId: null, threadKind: doc.kind, title: doc.title,
        bodySource: doc.bodySource, anonymity: doc.anonymity, hidden: doc.hidden, endorsed: false,
        createdAt: doc.createdAt, editedAt: doc.editedAt ?? null, deletedAt: doc.deletedAt ?? null,
      })),
      ...replies.map((doc): AuthoredPost => ({
        postKind: 'reply', id: doc._id, courseId: doc.courseId, threadId: doc.threadId, parentId: doc.parentId ?? null, threadKind: null, title: null,
        bodySource: doc.bodySource, anonymity: doc.anonymity, hidden: doc.hidden, endorsed: (doc.endorsedBy ?? null) !== null,
        createdAt: doc.createdAt, editedAt: doc.editedAt ?? null, deletedAt: doc.deletedAt ?? null,
      })),
    ].sort(byTimeThenId);
    const revisions = await m.revisions.find({ editorId: personId }, null, { session }).lean<PostRevisionDoc[]>();
    const votes = await m.votes.find({ personId }, null, { session }).sort({ createdAt: 1, postId: 1 }).lean<VoteDoc[]>();
    const follows = await m.follows.find({ personId }, null, { session }).sort({ createdAt: 1, threadId: 1 }).lean<FollowDoc[]>();
    const reads = await m.threadReads.find({ personId }, null, { session }).sort({ lastReadAt: 1, threadId: 1 }).lean<ThreadReadDoc[]>();
    const visits = await m.courseVisits.find({ personId }, null, { session }).sort({ courseId: 1 }).lean<CourseVisitDoc[]>();
    const notifications = await m.notifications.find({ personId }, null, { session }).sort({ createdAt: 1, _id: 1 }).lean<NotificationDoc[]>();
    const reports = await m.reports.find({ reporterId: personId }, null, { session }).sort({ createdAt: 1, _id: 1 }).lean<ReportDoc[]>();
    const acceptances = await m.policyAcceptances.find({ personId }, null, { session }).sort({ courseId: 1 }).lean<PolicyAcceptanceDoc[]>();
    const pseudonyms = await m.pseudonyms.find({ personId }, null, { session }).sort({ courseId: 1 }).lean<PseudonymDoc[]>();
    const sessions = await m.sessions.find({ personId }, null, { session }).sort({ createdAt: 1 }).lean<SessionDoc[]>();
    return {
      memberships: memberships.map((doc) => ({
        courseId: doc.courseId, personId: doc.personId, role: doc.role, ltiRoles: doc.ltiRoles, firstLaunchAt: doc.firstLaunchAt,
        lastLaunchAt: doc.lastLaunchAt, source: doc.source ?? 'launch', removedAt: doc.removedAt ?? null,
      })),
      posts,
      revisions: revisions
        .map((doc) => ({ id: doc._id, courseId: doc.courseId, postKind: doc.postKind, postId: doc.postId, title: doc.title ?? null, bodySource: doc.bodySource, editorId: doc.editorId, createdAt: doc.createdAt }))
        .sort(byTimeThenId),
      votes: votes.map((doc) => ({ courseId: doc.courseId, postKind: doc.postKind, postId: doc.postId, createdAt: doc.createdAt })),
      follows: follows.map((doc) => ({ courseId: doc.courseId, threadId: doc.threadId, createdAt: doc.createdAt })),
      reads: reads.map((doc) => ({ courseId: doc.courseId, threadId: doc.threadId, lastReadAt: doc.lastReadAt })),
      visits: visits.map((doc) => ({ courseId: doc.courseId, lastVisitAt: doc.lastVisitAt })),
      notifications: notifications.map((doc) => ({
        id: doc._id, personId: doc.personId, courseId: doc.courseId, kind: doc.kind, threadId: doc.threadId, replyId: doc.replyId ?? null,
        actorId: doc.actorId, createdAt: doc.createdAt, readAt: doc.readAt ?? null,
      })),
      reports: reports.map((doc) => ({
        id: doc._id, courseId: doc.courseId, postKind: doc.postKind, postId: doc.postId, threadId: doc.threadId, reporterId: doc.reporterId,
        reason: doc.reason, createdAt: doc.createdAt, resolvedAt: doc.resolvedAt ?? null, resolvedBy: doc.resolvedBy ?? null,
      })),
      policyAcceptances: acceptances.map((doc) => ({ courseId: doc.courseId, policyVersion: doc.policyVersion, acceptedAt: doc.acceptedAt })),
      pseudonyms: pseudonyms.map((doc) => ({ courseId: doc.courseId, name: doc.name })),
      sessions: sessions.map((doc) => ({ createdAt: doc.createdAt, expiresAt: doc.expiresAt })),
      ...await collectAreaRecords(this.care, session, personId),
    };
  }

  erase(personId: Id, replacement: { name: string; subject: string }): Promise<ErasureCounts> {
    return this.ctx.atomically(async (session) => {
      const m = this.ctx.models;
      await m.people.updateOne(
        { _id: personId },
        { $set: { name: replacement.name, givenName: null, familyName: null, email: null, locale: null, subject: replacement.subject } satisfies Partial<PersonDoc> },
        { session },
      );
      const removed = async (model: { deleteMany(filter: object, options: object): PromiseLike<{ deletedCount: number }> }) =>
        (await model.deleteMany({ personId }, { session })).deletedCount;
      return {
        sessions: await removed(m.sessions),
        memberships: await removed(m.memberships),
        notifications: await removed(m.notifications),
        follows: await removed(m.follows),
        reads: await removed(m.threadReads),
        visits: await removed(m.courseVisits),
        votes: await removed(m.votes),
        policyAcceptances: await removed(m.policyAcceptances),
        champions: await removed(this.care.champions),
        routings: await removed(this.care.questionRoutings),
        ...await eraseAreaRecords(this.care, session, personId),
      };
    });
  }

  async replaceInRenderedPosts(courseIds: readonly Id[], from: string, to: string): Promise<RenderedPost[]> {
    if (courseIds.length === 0 || from === '') return [];
    const m = this.ctx.models;
    const session = this.ctx.session;
    const filter = { courseId: { $in: [...courseIds] }, bodyHtml: { $regex: escapeRegex(from) } };
    const replace = (html: string) => html.split(from).join(to);
    const threads = await m.threads.find(filter, { courseId: 1, title: 1, bodyHtml: 1, deletedAt: 1 }, { session }).lean<ThreadDoc[]>();
    const replies = await m.replies.find(filter, { courseId: 1, threadId: 1, bodyHtml: 1, deletedAt: 1, hidden: 1 }, { session }).lean<ReplyDoc[]>();
    for (const doc of threads) await m.threads.updateOne({ _id: doc._id }, { $set: { bodyHtml: replace(doc.bodyHtml) } }, { session });
    for (const doc of replies) await m.replies.updateOne({ _id: doc._id }, { $set: { bodyHtml: replace(doc.bodyHtml) } }, { session });
    const searchableReplies = replies.filter((doc) => !doc.deletedAt && !doc.hidden);
    const titles = new Map((await m.threads
      .find({ _id: { $in: [...new Set(searchableReplies.map((doc) => doc.threadId))] } }, { title: 1 }, { session })
      .lean<Array<Pick<ThreadDoc, '_id' | 'title'>>>()).map((doc) => [doc._id, doc.title]));
    // Only posts that search holds (not deleted, replies not hidden) need re-indexing.
    return [
      ...threads.filter((doc) => !doc.deletedAt).map((doc): RenderedPost => ({
        postKind: 'thread', id: doc._id, courseId: doc.courseId, threadId: doc._id, title: doc.title, bodyHtml: replace(doc.bodyHtml),
      })),
      ...searchableReplies.map((doc): RenderedPost => ({
        postKind: 'reply', id: doc._id, courseId: doc.courseId, threadId: doc.threadId, title: titles.get(doc.threadId) ?? '', bodyHtml: replace(doc.bodyHtml),
      })),
    ];
  }

  async replaceMentionInSources(courseId: Id, handle: string, replacement: string): Promise<number> {
    const session = this.ctx.session;
    const filter = { courseId, bodySource: { $regex: escapeRegex(`@${handle}`), $options: 'i' } };
    const rewrite = async <T extends { _id: string; bodySource: string }>(model: Model<T>): Promise<number> => {
      const docs = await model.find(filter as FilterQuery<T>, { bodySource: 1 }, { session }).lean<Array<{ _id: string; bodySource: string }>>();
      let changed = 0;
      for (const doc of docs) {
        const next = replaceMention(doc.bodySource, handle, replacement);
        if (next === doc.bodySource) continue;
        await model.updateOne({ _id: doc._id } as FilterQuery<T>, { $set: { bodySource: next } }, { session });
        changed += 1;
      }
      return changed;
    };
    return (await rewrite(this.ctx.models.threads)) + (await rewrite(this.ctx.models.replies)) + (await rewrite(this.ctx.models.revisions));
  }
}
