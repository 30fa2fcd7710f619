import type { Session } from '../../../domain/launch';
import type { SessionRepository } from '../../ports';
import type { MongoContext } from '../context';
import type { SessionDoc } from '../schemas';

const toSession = (doc: SessionDoc): Session => ({
  tokenHash: doc._id, personId: doc.personId, createdAt: doc.createdAt, expiresAt: doc.expiresAt, scope: doc.scope ?? 'launch', locale: doc.locale ?? null,
});

export class MongoSessions implements SessionRepository {
  constructor(private readonly ctx: MongoContext) {}

  async create(session: Session): Promise<void> {
    await this.ctx.models.sessions.create([{
      _id: session.tokenHash, personId: session.personId, createdAt: session.createdAt, expiresAt: session.expiresAt, scope: session.scope ?? 'launch', locale: session.locale ?? null,
    }], { session: this.ctx.session });
  }

  async findActive(tokenHash: string, now: Date): Promise<Session | null> {
    // The TTL index removes expired sessions only about once a minute, so expiry is checked here too.
    const doc = await this.ctx.models.sessions
      .findOne({ _id: tokenHash, expiresAt: { $gt: now } }, null, { session: this.ctx.session })
      .lean<SessionDoc>();
    return doc ? toSession(doc) : null;
  }

  async delete(tokenHash: string): Promise<void> {
    await this.ctx.models.sessions.deleteOne({ _id: tokenHash }, { session: this.ctx.session });
  }

  async deleteExpired(now: Date): Promise<number> {
    const result = await this.ctx.models.sessions.deleteMany({ expiresAt: { $lte: now } }, { session: this.ctx.session });
    return result.deletedCount;
  }
}
