import type { Deployment } from '../../../domain/launch';
import type { DeploymentRepository } from '../../ports';
import type { MongoContext } from '../context';
import type { DeploymentDoc } from '../schemas';

const toDeployment = (doc: DeploymentDoc): Deployment => ({
  issuer: doc.issuer, clientId: doc.clientId, deploymentId: doc.deploymentId, createdAt: doc.createdAt,
});

export class MongoDeployments implements DeploymentRepository {
  constructor(private readonly ctx: MongoContext) {}

  async add(deployment: Omit<Deployment, 'createdAt'> & { now: Date }): Promise<void> {
    // An upsert that only sets fields on insert: adding an existing deployment changes nothing.
    await this.ctx.models.deployments.updateOne(
      { issuer: deployment.issuer, clientId: deployment.clientId, deploymentId: deployment.deploymentId },
      { $setOnInsert: { createdAt: deployment.now } },
      { upsert: true, session: this.ctx.session },
    );
  }

  async exists(issuer: string, clientId: string, deploymentId: string): Promise<boolean> {
    const found = await this.ctx.models.deployments
      .findOne({ issuer, clientId, deploymentId }, { _id: 1 }, { session: this.ctx.session })
      .lean();
    return found !== null;
  }

  async listForPlatform(issuer: string, clientId: string): Promise<Deployment[]> {
    const docs = await this.ctx.models.deployments
      .find({ issuer, clientId }, null, { session: this.ctx.session })
      .sort({ createdAt: 1, deploymentId: 1 })
      .lean<DeploymentDoc[]>();
    return docs.map(toDeployment);
  }

  async listAll(): Promise<Deployment[]> {
    const docs = await this.ctx.models.deployments
      .find({}, null, { session: this.ctx.session })
      .sort({ issuer: 1, clientId: 1, createdAt: 1, deploymentId: 1 })
      .lean<DeploymentDoc[]>();
    return docs.map(toDeployment);
  }

  async remove(issuer: string, clientId: string, deploymentId?: string): Promise<number> {
    const filter = deploymentId === undefined ? { issuer, clientId } : { issuer, clientId, deploymentId };
    const result = await this.ctx.models.deployments.deleteMany(filter, { session: this.ctx.session });
    return result.deletedCount;
  }
}
