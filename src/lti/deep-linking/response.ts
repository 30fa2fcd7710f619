import { randomUUID } from 'node:crypto';
import type { LtijsProvider } from 'ltijs';
import { formatTarget, TARGET_PARAM, type AgoraTarget } from '../targets';
import { signRs256 } from '../jwt';
import type { DeepLinkRequest } from './requests';

/**
 * The signed LtiDeepLinkingResponse that carries the picked item back to the LMS. Signed here with
 * the key pair ltijs keeps for the platform, rather than by ltijs's createDeepLinkingMessage, whose
 * error-message claim name has a trailing space (`.../errormsg `) and whose nonce is Math.random.
 *
 * The item is an ltiResourceLink whose launch opens exactly what was picked: the target is in the
 * link's URL (which becomes the launch's target_link_uri) and in its custom parameters.
 */
export interface PickedItem {
  target: AgoraTarget;
  title: string;
  text: string | null;
}

export const DL_CLAIM = {
  contentItems: 'https://purl.imsglobal.org/spec/lti-dl/claim/content_items',
  data: 'https://purl.imsglobal.org/spec/lti-dl/claim/data',
  msg: 'https://purl.imsglobal.org/spec/lti-dl/claim/msg',
  errorMsg: 'https://purl.imsglobal.org/spec/lti-dl/claim/errormsg',
} as const;

export function contentItemFor(publicUrl: string, item: PickedItem): Record<string, unknown> {
  const url = new URL(`${publicUrl}/lti/launch`);
  url.searchParams.set(TARGET_PARAM, formatTarget(item.target));
  return {
    type: 'ltiResourceLink',
    title: item.title,
    ...(item.text ? { text: item.text } : {}),
    url: url.toString(),
    custom: { [TARGET_PARAM]: formatTarget(item.target) },
  };
}

export async function signDeepLinkingResponse(
  provider: LtijsProvider,
  request: DeepLinkRequest,
  contentItems: Array<Record<string, unknown>>,
  options: { message: string; now: Date },
): Promise<string> {
  const platform = await provider.getPlatform(request.issuer, request.clientId);
  if (!platform) throw new Error(`platform ${request.issuer} (${request.clientId}) is not registered`);
  const payload: Record<string, unknown> = {
    iss: request.clientId,
    aud: request.issuer,
    nonce: randomUUID(),
    'https://purl.imsglobal.org/spec/lti/claim/deployment_id': request.deploymentId,
    'https://purl.imsglobal.org/spec/lti/claim/message_type': 'LtiDeepLinkingResponse',
    'https://purl.imsglobal.org/spec/lti/claim/version': '1.3.0',
    [DL_CLAIM.contentItems]: contentItems,
    [DL_CLAIM.msg]: options.message,
  };
  if (request.data !== null) payload[DL_CLAIM.data] = request.data;
  return signRs256(payload, await platform.platformPrivateKey(), await platform.platformKid(), { now: options.now, lifetimeSeconds: 5 * 60 });
}
