import { z } from 'zod';
import { newSecret } from '../../domain/ids';
import type { Storage } from '../../storage/ports';
import type { LaunchContext } from '../launch-context';

/**
 * A deep linking request waiting for staff to pick what to add: what the LMS asked for and where
 * the answer goes, kept as a 'deep-link' ticket (Agora keeps no ltijs session). It belongs to the
 * person and course of the launch that opened it, lives an hour, and is answered once.
 */
export const DEEP_LINK_REQUEST_LIFETIME_MS = 60 * 60 * 1000;

export const DeepLinkRequest = z.object({
  courseId: z.string(),
  personId: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  deploymentId: z.string(),
  returnUrl: z.string(),
  acceptTypes: z.array(z.string()),
  acceptMultiple: z.boolean(),
  documentTargets: z.array(z.string()),
  title: z.string().nullable(),
  /** Opaque value the LMS wants back unchanged. */
  data: z.string().nullable(),
});
export type DeepLinkRequest = z.infer<typeof DeepLinkRequest>;

export async function openDeepLinkRequest(storage: Storage, launch: LaunchContext, courseId: string, personId: string, now: Date): Promise<string> {
  const settings = launch.deepLinking;
  if (!settings) throw new Error('openDeepLinkRequest needs a deep linking launch');
  const id = newSecret(24);
  const request: DeepLinkRequest = {
    courseId, personId, issuer: launch.issuer, clientId: launch.clientId, deploymentId: launch.deploymentId,
    returnUrl: settings.returnUrl, acceptTypes: settings.acceptTypes, acceptMultiple: settings.acceptMultiple,
    documentTargets: settings.documentTargets, title: settings.title, data: settings.data,
  };
  await storage.ltiTickets.create({ kind: 'deep-link', id, data: request, createdAt: now, expiresAt: new Date(now.getTime() + DEEP_LINK_REQUEST_LIFETIME_MS) });
  return id;
}

export async function findDeepLinkRequest(storage: Storage, id: string, now: Date): Promise<DeepLinkRequest | null> {
  const ticket = await storage.ltiTickets.find('deep-link', id, now);
  const parsed = ticket ? DeepLinkRequest.safeParse(ticket.data) : null;
  return parsed?.success ? parsed.data : null;
}

/** Removes the request in one atomic step: a double click or a second tab cannot answer it twice. */
export async function takeDeepLinkRequest(storage: Storage, id: string, now: Date): Promise<DeepLinkRequest | null> {
  const ticket = await storage.ltiTickets.take('deep-link', id, now);
  const parsed = ticket ? DeepLinkRequest.safeParse(ticket.data) : null;
  return parsed?.success ? parsed.data : null;
}
