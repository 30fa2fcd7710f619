import type { AlumniProfile, AlumniQuestion, EmailSignIn, Prompt, SignInLink } from '../../../domain/alumni';
import type { Id } from '../../../domain/ids';
import type {
  AlumniProfileRepository, AlumniQuestionRepository, EndorsedAnswer, PromptRepository, SignInRepository,
} from '../../alumni-ports';
import type { AlumniModels, AlumniProfileDoc, AlumniQuestionDoc, EmailSignInDoc, PromptDoc, SignInLinkDoc } from '../alumni-schemas';
import type { MongoContext } from '../context';
import type { ReplyDoc, ThreadDoc } from '../schemas';

const toProfile = (doc: AlumniProfileDoc): AlumniProfile => ({
  communityId: doc.communityId, personId: doc.personId, visible: doc.visible, displayName: doc.displayName, bio: doc.bio ?? '',
  tags: doc.tags ?? [], happyToBeAsked: doc.happyToBeAsked, updatedAt: doc.updatedAt,
});

export class MongoAlumniProfiles implements AlumniProfileRepository {
  constructor(private readonly ctx: MongoContext, private readonly models: AlumniModels) {}

  async find(communityId: Id, personId: Id): Promise<AlumniProfile | null> {
    const doc = await this.models.profiles.findOne({ communityId, personId }, null, { session: this.ctx.session }).lean<AlumniProfileDoc>();
    return doc ? toProfile(doc) : null;
  }

  async save(p: AlumniProfile): Promise<void> {
    await this.models.profiles.updateOne(
      { communityId: p.communityId, personId: p.personId },
      { $set: { visible: p.visible, displayName: p.displayName, bio: p.bio, tags: p.tags, happyToBeAsked: p.happyToBeAsked, updatedAt: p.updatedAt } },
      { upsert: true, session: this.ctx.session },
    );
  }

  async delete(communityId: Id, personId: Id): Promise<boolean> {
    return (await this.models.profiles.deleteOne({ communityId, personId }, { session: this.ctx.session })).deletedCount === 1;
  }

  async listVisible(communityId: Id): Promise<AlumniProfile[]> {
    const docs = await this.models.profiles.find({ communityId, visible: true }, null, { session: this.ctx.session })
      .collation({ locale: 'en', strength: 2 }).sort({ displayName: 1, personId: 1 }).lean<AlumniProfileDoc[]>();
    return docs.map(toProfile);
  }

  async endorsedNamedAnswers(courseId: Id, personId: Id, limit: number): Promise<EndorsedAnswer[]> {
    const replies = await this.ctx.models.replies.find(
      { courseId, authorId: personId, endorsedBy: { $ne: null }, anonymity: 'named', parentId: null, deletedAt: null, hidden: false },
      { _id: 1, threadId: 1, endorsedAt: 1 }, { session: this.ctx.session },
    ).sort({ endorsedAt: -1, _id: -1 }).lean<Array<Pick<ReplyDoc, '_id' | 'threadId' | 'endorsedAt'>>>();
    const threads = await this.ctx.models.threads.find(
      { _id: { $in: [...new Set(replies.map((r) => r.threadId))] }, deletedAt: null, hidden: false }, { _id: 1, title: 1 }, { session: this.ctx.session },
    ).lean<Array<Pick<ThreadDoc, '_id' | 'title'>>>();
    const titles = new Map(threads.map((t) => [t._id, t.title]));
    return replies.filter((r) => titles.has(r.threadId)).slice(0, limit)
      .map((r) => ({ replyId: r._id, threadId: r.threadId, threadTitle: titles.get(r.threadId)!, endorsedAt: r.endorsedAt! }));
  }
}

const toLink = (doc: SignInLinkDoc): SignInLink => ({
  tokenHash: doc._id, personId: doc.personId, createdAt: doc.createdAt, expiresAt: doc.expiresAt, usedAt: doc.usedAt ?? null,
});
const toConsent = (doc: EmailSignInDoc): EmailSignIn => ({ personId: doc._id, email: doc.email, optedInAt: doc.optedInAt });

export class MongoSignIn implements SignInRepository {
  constructor(private readonly ctx: MongoContext, private readonly models: AlumniModels) {}

  async optIn(consent: EmailSignIn): Promise<void> {
    await this.models.emailSignIn.updateOne(
      { _id: consent.personId }, { $set: { email: consent.email.trim().toLowerCase(), optedInAt: consent.optedInAt } }, { upsert: true, session: this.ctx.session },
    );
  }

  async optOut(personId: Id): Promise<void> {
    await this.models.emailSignIn.deleteOne({ _id: personId }, { session: this.ctx.session });
  }

  async findOptIn(personId: Id): Promise<EmailSignIn | null> {
    const doc = await this.models.emailSignIn.findById(personId, null, { session: this.ctx.session }).lean<EmailSignInDoc>();
    return doc ? toConsent(doc) : null;
  }

  async listOptInsByEmail(email: string): Promise<EmailSignIn[]> {
    const docs = await this.models.emailSignIn.find({ email: email.trim().toLowerCase() }, null, { session: this.ctx.session })
      .sort({ optedInAt: 1, _id: 1 }).lean<EmailSignInDoc[]>();
    return docs.map(toConsent);
  }

  async createLink(link: SignInLink): Promise<void> {
    await this.models.signInLinks.create([{
      _id: link.tokenHash, personId: link.personId, createdAt: link.createdAt, expiresAt: link.expiresAt, usedAt: link.usedAt,
    }], { session: this.ctx.session });
  }

  async findLink(tokenHash: string): Promise<SignInLink | null> {
    const doc = await this.models.signInLinks.findById(tokenHash, null, { session: this.ctx.session }).lean<SignInLinkDoc>();
    return doc ? toLink(doc) : null;
  }

  async consumeLink(tokenHash: string, now: Date): Promise<SignInLink | null> {
    // One conditional update of one document: of several racing callers, only one matches.
    const doc = await this.models.signInLinks.findOneAndUpdate(
      { _id: tokenHash, usedAt: null, expiresAt: { $gt: now } }, { $set: { usedAt: now } }, { new: true, session: this.ctx.session },
    ).lean<SignInLinkDoc>();
    return doc ? toLink(doc) : null;
  }

  async deleteLinksExpiredBefore(before: Date): Promise<number> {
    return (await this.models.signInLinks.deleteMany({ expiresAt: { $lt: before } }, { session: this.ctx.session })).deletedCount;
  }

  countLinksSince(personId: Id, since: Date): Promise<number> {
    return this.models.signInLinks.countDocuments({ personId, createdAt: { $gte: since } }, { session: this.ctx.session }).exec();
  }
}

const toPrompt = (doc: PromptDoc): Prompt => ({
  id: doc._id, communityId: doc.communityId, target: doc.target, courseId: doc.courseId, authorId: doc.authorId, title: doc.title, body: doc.body,
  nextPostAt: doc.nextPostAt ?? null, repeatDays: doc.repeatDays ?? null, lastPostedAt: doc.lastPostedAt ?? null, lastThreadId: doc.lastThreadId ?? null,
  createdAt: doc.createdAt, cancelledAt: doc.cancelledAt ?? null,
});

export class MongoPrompts implements PromptRepository {
  constructor(private readonly ctx: MongoContext, private readonly models: AlumniModels) {}

  async create(p: Prompt): Promise<void> {
    await this.models.prompts.create([{
      _id: p.id, communityId: p.communityId, target: p.target, courseId: p.courseId, authorId: p.authorId, title: p.title, body: p.body,
      nextPostAt: p.nextPostAt, repeatDays: p.repeatDays, lastPostedAt: p.lastPostedAt, lastThreadId: p.lastThreadId, createdAt: p.createdAt, cancelledAt: p.cancelledAt,
    }], { session: this.ctx.session });
  }

  async findById(id: Id): Promise<Prompt | null> {
    const doc = await this.models.prompts.findById(id, null, { session: this.ctx.session }).lean<PromptDoc>();
    return doc ? toPrompt(doc) : null;
  }

  async listByCommunity(communityId: Id): Promise<Prompt[]> {
    const docs = await this.models.prompts.find({ communityId }, null, { session: this.ctx.session }).lean<PromptDoc[]>();
    // Next due first, then the finished ones (newest first): the same order as SQLite's.
    return docs.map(toPrompt).sort((a, b) => {
      if (a.nextPostAt && b.nextPostAt) return a.nextPostAt.getTime() - b.nextPostAt.getTime() || b.createdAt.getTime() - a.createdAt.getTime() || a.id.localeCompare(b.id);
      if (a.nextPostAt || b.nextPostAt) return a.nextPostAt ? -1 : 1;
      return b.createdAt.getTime() - a.createdAt.getTime() || a.id.localeCompare(b.id);
    });
  }

  async listDue(now: Date, limit: number): Promise<Prompt[]> {
    const docs = await this.models.prompts.find({ nextPostAt: { $ne: null, $lte: now }, cancelledAt: null }, null, { session: this.ctx.session })
      .sort({ nextPostAt: 1, _id: 1 }).limit(limit).lean<PromptDoc[]>();
    return docs.map(toPrompt);
  }

  async claimOccurrence(id: Id, expected: Date, next: Date | null, posted: { at: Date; threadId: Id }): Promise<boolean> {
    const result = await this.models.prompts.updateOne(
      { _id: id, nextPostAt: expected, cancelledAt: null },
      { $set: { nextPostAt: next, lastPostedAt: posted.at, lastThreadId: posted.threadId } },
      { session: this.ctx.session },
    );
    return result.modifiedCount === 1;
  }

  async cancel(id: Id, at: Date): Promise<boolean> {
    const result = await this.models.prompts.updateOne({ _id: id, cancelledAt: null }, { $set: { cancelledAt: at, nextPostAt: null } }, { session: this.ctx.session });
    return result.modifiedCount === 1;
  }
}

export class MongoAlumniQuestions implements AlumniQuestionRepository {
  constructor(private readonly ctx: MongoContext, private readonly models: AlumniModels) {}

  async create(q: AlumniQuestion): Promise<void> {
    await this.models.questions.create([{
      _id: q.threadId, communityId: q.communityId, askerId: q.askerId, tags: q.tags, notifiedCount: q.notifiedCount, createdAt: q.createdAt,
    }], { session: this.ctx.session });
  }

  async listByCommunity(communityId: Id, limit: number): Promise<AlumniQuestion[]> {
    const docs = await this.models.questions.find({ communityId }, null, { session: this.ctx.session }).sort({ createdAt: -1, _id: -1 }).limit(limit)
      .lean<AlumniQuestionDoc[]>();
    return docs.map((d) => ({ threadId: d._id, communityId: d.communityId, askerId: d.askerId, tags: d.tags ?? [], notifiedCount: d.notifiedCount, createdAt: d.createdAt }));
  }
}
