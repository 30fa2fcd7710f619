/**
 * The slice of ltijs 5.9 that Agora uses. @types/ltijs describes 4.x, so we keep our own.
 * Only src/lti/ may import ltijs.
 */
declare module 'ltijs' {
  import type { Express, NextFunction, Request, Response } from 'express';

  type Handler = (req: Request, res: Response, next: NextFunction) => unknown;
  type TokenHandler = (token: LtijsIdToken, req: Request, res: Response, next: NextFunction) => unknown;

  export interface LtijsIdToken {
    iss: string;
    user: string;
    userInfo?: { given_name?: string; family_name?: string; name?: string; email?: string };
    platformInfo?: unknown;
    clientId: string;
    platformId: string;
    deploymentId: string;
    platformContext?: LtijsContextToken;
  }

  export interface LtijsContextToken {
    contextId: string;
    user: string;
    roles?: string[];
    path?: string;
    targetLinkUri?: string;
    context?: { id: string; label?: string; title?: string; type?: string[] };
    resource?: { id: string; title?: string; description?: string };
    custom?: Record<string, unknown>;
    launchPresentation?: { document_target?: string; return_url?: string; locale?: string; width?: number; height?: number };
    messageType?: string;
    version?: string;
    deepLinkingSettings?: Record<string, unknown>;
    endpoint?: { scope?: string[]; lineitems?: string; lineitem?: string };
    namesRoles?: { context_memberships_url?: string; service_versions?: string[] };
  }

  export interface LtijsPlatform {
    platformUrl(): Promise<string>;
    platformClientId(): Promise<string>;
    platformName(): Promise<string>;
    platformKid(): Promise<string>;
    platformAuthEndpoint(): Promise<string>;
    platformAccessTokenEndpoint(): Promise<string>;
    platformAuthConfig(): Promise<{ method: string; key: string }>;
    /** The audience of client assertions: the authorization server, or the token URL when none was given. */
    platformAuthorizationServer(): Promise<string>;
    /** Agora's private key for this platform (PKCS#1 PEM), decrypted. */
    platformPrivateKey(): Promise<string>;
    platformActive(): Promise<boolean>;
    delete(): Promise<boolean>;
  }

  export interface LtijsSetupOptions {
    appRoute?: string;
    loginRoute?: string;
    keysetRoute?: string;
    dynRegRoute?: string;
    cors?: boolean;
    ltiaas?: boolean;
    devMode?: boolean;
    tokenMaxAge?: number | false;
    cookies?: { secure?: boolean; sameSite?: string; domain?: string };
    serverAddon?: (app: Express) => void;
  }

  export interface LtijsProvider {
    app: Express;
    setup(encryptionKey: string, database: { url?: string; plugin?: object; connection?: object }, options?: LtijsSetupOptions): LtijsProvider;
    deploy(options: { serverless: true; silent?: boolean }): Promise<true>;
    close(options?: { silent?: boolean }): Promise<true>;
    onConnect(handler: TokenHandler): true;
    onDeepLinking(handler: TokenHandler): true;
    onInvalidToken(handler: Handler): true;
    onSessionTimeout(handler: Handler): true;
    onUnregisteredPlatform(handler: Handler): true;
    onInactivePlatform(handler: Handler): true;
    registerPlatform(platform: {
      url: string;
      name: string;
      clientId: string;
      authenticationEndpoint: string;
      accesstokenEndpoint: string;
      authConfig: { method: 'JWK_SET' | 'JWK_KEY' | 'RSA_KEY'; key: string };
      authorizationServer?: string;
    }): Promise<LtijsPlatform>;
    getPlatform(url: string, clientId: string): Promise<LtijsPlatform | false>;
    getPlatform(url: string): Promise<LtijsPlatform[] | false>;
    getAllPlatforms(): Promise<LtijsPlatform[]>;
    deletePlatform(url: string, clientId: string): Promise<true>;
  }

  export const Provider: LtijsProvider;
}
