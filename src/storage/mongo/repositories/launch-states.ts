import type { LaunchState } from '../../../domain/launch';
import type { LaunchStateRepository } from '../../ports';
import type { MongoContext } from '../context';
import type { LaunchStateDoc } from '../schemas';

const toLaunchState = (doc: LaunchStateDoc): LaunchState => ({
  state: doc._id, nonce: doc.nonce, issuer: doc.issuer, clientId: doc.clientId,
  deploymentId: doc.deploymentId ?? null, targetLinkUri: doc.targetLinkUri,
  createdAt: doc.createdAt, expiresAt: doc.expiresAt,
});

export class MongoLaunchStates implements LaunchStateRepository {
  constructor(private readonly ctx: MongoContext) {}

  async create(state: LaunchState): Promise<void> {
    // A reused state or nonce breaks a unique index and rejects with a duplicate-key error.
    await this.ctx.models.launchStates.create([{
      _id: state.state, nonce: state.nonce, issuer: state.issuer, clientId: state.clientId,
      deploymentId: state.deploymentId, targetLinkUri: state.targetLinkUri,
      createdAt: state.createdAt, expiresAt: state.expiresAt,
    }], { session: this.ctx.session });
  }

  async consume(state: string, now: Date): Promise<LaunchState | null> {
    // findOneAndDelete is one atomic step: of several racing callers, only one gets the document.
    // An expired state is deleted as well, and refused.
    const doc = await this.ctx.models.launchStates
      .findOneAndDelete({ _id: state }, { session: this.ctx.session })
      .lean<LaunchStateDoc>();
    if (!doc || doc.expiresAt.getTime() <= now.getTime()) return null;
    return toLaunchState(doc);
  }

  async deleteExpired(now: Date): Promise<number> {
    const result = await this.ctx.models.launchStates.deleteMany({ expiresAt: { $lte: now } }, { session: this.ctx.session });
    return result.deletedCount;
  }
}
