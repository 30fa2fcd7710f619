import type { Id } from './ids';

/**
 * What our OIDC login step promised the platform: the state and nonce we issued, and for whom.
 * Consumed exactly once by the launch that answers it.
 */
export interface LaunchState {
  state: string;
  nonce: string;
  issuer: string;
  clientId: string;
  deploymentId: string | null;
  targetLinkUri: string;
  createdAt: Date;
  expiresAt: Date;
}

/** A deployment of Agora inside a platform that an administrator has allowed to launch. */
export interface Deployment {
  issuer: string;
  clientId: string;
  deploymentId: string;
  createdAt: Date;
}

/** A browser signed in to Agora after a verified launch. Only the token's hash is stored. */
export interface Session {
  tokenHash: string;
  personId: Id;
  createdAt: Date;
  expiresAt: Date;
  /** What the session opens: 'launch' (the default) whatever the person's launches allow; 'alumni' (an email sign-in link) their alumni communities only. */
  scope?: SessionScope;
  /** The person's locale when the session started (see auth/sessions.ts); absent or null: none. */
  locale?: string | null;
}

export type SessionScope = 'launch' | 'alumni';
