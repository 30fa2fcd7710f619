import type { LtijsPlatform, LtijsProvider } from 'ltijs';
import { badRequest, notFound } from '../domain/errors';
import type { Storage } from '../storage/ports';

/**
 * Platform registrations: ltijs keeps the platform and its key pair; we keep which deployments
 * of it may launch. Used by the `platform` CLI and by tests.
 */
export interface PlatformRegistration {
  issuer: string;
  clientId: string;
  name: string;
  authUrl: string;
  tokenUrl: string;
  jwksUrl: string;
  deploymentIds: string[];
}

export type PlatformInput = Omit<PlatformRegistration, 'name' | 'authUrl' | 'tokenUrl' | 'jwksUrl'> &
  Partial<Pick<PlatformRegistration, 'name' | 'authUrl' | 'tokenUrl' | 'jwksUrl'>> & {
    /** The audience of service client assertions when it is not the token URL (from dynamic registration). */
    authorizationServer?: string;
  };

export class PlatformRegistry {
  private readonly listeners = new Set<() => void>();

  constructor(private readonly provider: LtijsProvider, private readonly storage: Storage, private readonly now: () => Date) {}

  /** Called after every change made through this registry (other processes' changes are seen by polling). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  /**
   * Registers a platform (or updates its endpoints) and allows its deployments. Endpoints may be
   * omitted when the platform is already registered, to add a deployment.
   */
  async add(input: PlatformInput): Promise<PlatformRegistration> {
    const existing = (await this.provider.getPlatform(input.issuer, input.clientId)) || null;
    if (!existing && !(input.authUrl && input.tokenUrl && input.jwksUrl)) {
      throw badRequest('PLATFORM_ENDPOINTS_MISSING', 'errors.platformEndpointsMissing', { issuer: input.issuer, clientId: input.clientId });
    }
    if (!existing || input.authUrl || input.tokenUrl || input.jwksUrl || input.name || input.authorizationServer) {
      await this.provider.registerPlatform({
        url: input.issuer,
        clientId: input.clientId,
        name: input.name ?? (existing ? await existing.platformName() : new URL(input.issuer).host),
        authenticationEndpoint: input.authUrl ?? (await existing!.platformAuthEndpoint()),
        accesstokenEndpoint: input.tokenUrl ?? (await existing!.platformAccessTokenEndpoint()),
        authConfig: { method: 'JWK_SET', key: input.jwksUrl ?? (await existing!.platformAuthConfig()).key },
        ...(input.authorizationServer ? { authorizationServer: input.authorizationServer } : {}),
      });
    }
    for (const deploymentId of input.deploymentIds) {
      await this.storage.deployments.add({ issuer: input.issuer, clientId: input.clientId, deploymentId, now: this.now() });
    }
    this.changed();
    return (await this.find(input.issuer, input.clientId))!;
  }

  async list(): Promise<PlatformRegistration[]> {
    const platforms = await this.provider.getAllPlatforms();
    return Promise.all(platforms.map(async (platform) => this.describe(platform)));
  }

  async find(issuer: string, clientId: string): Promise<PlatformRegistration | null> {
    const platform = await this.provider.getPlatform(issuer, clientId);
    return platform ? this.describe(platform) : null;
  }

  /** Removes one deployment, or the whole platform (keys included) when no deployment is named. */
  async remove(issuer: string, clientId: string, deploymentId?: string): Promise<void> {
    if (deploymentId !== undefined) {
      if ((await this.storage.deployments.remove(issuer, clientId, deploymentId)) === 0) {
        throw notFound('DEPLOYMENT_NOT_FOUND', 'errors.deploymentNotFound', { deploymentId, issuer, clientId });
      }
      this.changed();
      return;
    }
    if (!(await this.provider.getPlatform(issuer, clientId))) {
      throw notFound('PLATFORM_NOT_FOUND', 'errors.platformNotFound', { issuer, clientId });
    }
    await this.provider.deletePlatform(issuer, clientId);
    await this.storage.deployments.remove(issuer, clientId);
    this.changed();
  }

  private async describe(p: LtijsPlatform): Promise<PlatformRegistration> {
    const issuer = await p.platformUrl();
    const clientId = await p.platformClientId();
    const deployments = await this.storage.deployments.listForPlatform(issuer, clientId);
    return {
      issuer,
      clientId,
      name: await p.platformName(),
      authUrl: await p.platformAuthEndpoint(),
      tokenUrl: await p.platformAccessTokenEndpoint(),
      jwksUrl: (await p.platformAuthConfig()).key,
      deploymentIds: deployments.map((d) => d.deploymentId),
    };
  }
}
