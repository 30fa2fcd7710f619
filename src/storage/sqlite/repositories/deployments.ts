import type { Deployment } from '../../../domain/launch';
import type { DeploymentRepository } from '../../ports';
import { toDate, toMillis, type SqliteContext } from '../rows';

interface DeploymentRow { issuer: string; client_id: string; deployment_id: string; created_at: number }

const toDeployment = (row: DeploymentRow): Deployment => ({
  issuer: row.issuer, clientId: row.client_id, deploymentId: row.deployment_id, createdAt: toDate(row.created_at),
});

export class SqliteDeployments implements DeploymentRepository {
  private readonly insert;
  private readonly one;
  private readonly forPlatform;
  private readonly all;
  private readonly removeOne;
  private readonly removeAll;

  constructor(private readonly ctx: SqliteContext) {
    this.insert = ctx.db.prepare(`
      INSERT INTO deployments (issuer, client_id, deployment_id, created_at) VALUES (?, ?, ?, ?)
      ON CONFLICT DO NOTHING`);
    this.one = ctx.db.prepare<[string, string, string], number>(
      'SELECT 1 FROM deployments WHERE issuer = ? AND client_id = ? AND deployment_id = ?').pluck();
    this.forPlatform = ctx.db.prepare<[string, string], DeploymentRow>(
      'SELECT * FROM deployments WHERE issuer = ? AND client_id = ? ORDER BY created_at, deployment_id');
    this.all = ctx.db.prepare<[], DeploymentRow>('SELECT * FROM deployments ORDER BY issuer, client_id, created_at');
    this.removeOne = ctx.db.prepare('DELETE FROM deployments WHERE issuer = ? AND client_id = ? AND deployment_id = ?');
    this.removeAll = ctx.db.prepare('DELETE FROM deployments WHERE issuer = ? AND client_id = ?');
  }

  async add(deployment: Omit<Deployment, 'createdAt'> & { now: Date }): Promise<void> {
    await this.ctx.write(() => this.insert.run(
      deployment.issuer, deployment.clientId, deployment.deploymentId, toMillis(deployment.now)));
  }

  async exists(issuer: string, clientId: string, deploymentId: string): Promise<boolean> {
    return this.one.get(issuer, clientId, deploymentId) === 1;
  }

  async listForPlatform(issuer: string, clientId: string): Promise<Deployment[]> {
    return this.forPlatform.all(issuer, clientId).map(toDeployment);
  }

  async listAll(): Promise<Deployment[]> {
    return this.all.all().map(toDeployment);
  }

  remove(issuer: string, clientId: string, deploymentId?: string): Promise<number> {
    return this.ctx.write(() => (deploymentId === undefined
      ? this.removeAll.run(issuer, clientId)
      : this.removeOne.run(issuer, clientId, deploymentId)).changes);
  }
}
