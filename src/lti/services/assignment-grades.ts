import { z } from 'zod';
import { readJson, send, ServiceError } from './http';
import { nextLink } from './names-roles';

/**
 * Assignment and Grade Services 2.0, the calls Agora makes: find its line item (every page of the
 * container, Link headers followed within the service's own origin), create it, check it still
 * exists, and post scores. Line item URLs may carry a query string (Moodle's do), so the scores
 * URL is built by adding `/scores` to the path, never to the end of the string.
 */
export const AGS_SCOPE = {
  lineItem: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
  lineItemReadonly: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly',
  score: 'https://purl.imsglobal.org/spec/lti-ags/scope/score',
} as const;

const MEDIA = {
  lineItem: 'application/vnd.ims.lis.v2.lineitem+json',
  container: 'application/vnd.ims.lis.v2.lineitemcontainer+json',
  score: 'application/vnd.ims.lis.v1.score+json',
} as const;

const MAX_PAGES = 100;

/** How Agora marks the line item it creates, so it finds its own again and never takes another tool's. */
export const PARTICIPATION_LINE_ITEM = { resourceId: 'agora-participation', tag: 'agora-participation' } as const;

const LineItem = z.looseObject({
  id: z.string().url(),
  label: z.string().optional(),
  scoreMaximum: z.number().optional(),
  resourceId: z.string().optional(),
  tag: z.string().optional(),
});
export type LineItem = z.infer<typeof LineItem>;

const auth = (token: string, accept: string) => ({ authorization: `Bearer ${token}`, accept });

/** Agora's participation line item among the course's line items, or null. */
export async function findLineItem(lineItemsUrl: string, token: string): Promise<LineItem | null> {
  const origin = new URL(lineItemsUrl).origin;
  const first = new URL(lineItemsUrl);
  // Platforms that understand the filters answer one item; the check below holds for those that ignore them.
  first.searchParams.set('resource_id', PARTICIPATION_LINE_ITEM.resourceId);
  first.searchParams.set('tag', PARTICIPATION_LINE_ITEM.tag);
  const seen = new Set<string>();
  let next: string | null = first.toString();
  while (next) {
    if (seen.has(next) || seen.size >= MAX_PAGES) break;
    seen.add(next);
    const page = await readJson(next, { headers: auth(token, MEDIA.container) }, 'gradeService');
    if (!Array.isArray(page.body)) throw new ServiceError('ltiServices.noLineItemList', { url: next });
    for (const raw of page.body) {
      const item = LineItem.safeParse(raw);
      if (item.success && item.data.resourceId === PARTICIPATION_LINE_ITEM.resourceId && item.data.tag === PARTICIPATION_LINE_ITEM.tag) return item.data;
    }
    next = nextLink(page.headers.get('link'), next);
    if (next && new URL(next).origin !== origin) {
      throw new ServiceError('ltiServices.gradeNextPageElsewhere', { origin: new URL(next).origin });
    }
  }
  return null;
}

export async function createLineItem(lineItemsUrl: string, token: string, item: { label: string; scoreMaximum: number }): Promise<LineItem> {
  const answer = await readJson(lineItemsUrl, {
    method: 'POST',
    headers: { ...auth(token, MEDIA.lineItem), 'content-type': MEDIA.lineItem },
    body: JSON.stringify({ label: item.label, scoreMaximum: item.scoreMaximum, ...PARTICIPATION_LINE_ITEM }),
  }, 'gradeService');
  const created = LineItem.safeParse(answer.body);
  if (!created.success) throw new ServiceError('ltiServices.lineItemWithoutId', { url: lineItemsUrl });
  return created.data;
}

/** False when the LMS says the line item is gone (404); other failures throw. */
export async function lineItemExists(lineItemUrl: string, token: string): Promise<boolean> {
  try {
    await send(lineItemUrl, { headers: auth(token, MEDIA.lineItem) }, 'gradeColumn');
    return true;
  } catch (error) {
    if (error instanceof ServiceError && (error.status === 404 || error.status === 410)) return false;
    throw error;
  }
}

export interface Score {
  /** The learner's LTI user id (the launch's `sub`). */
  userId: string;
  scoreGiven: number;
  scoreMaximum: number;
  activityProgress: 'Initialized' | 'Started' | 'InProgress' | 'Submitted' | 'Completed';
  gradingProgress: 'FullyGraded' | 'Pending' | 'PendingManual' | 'Failed' | 'NotReady';
  timestamp: Date;
  comment?: string;
}

export function scoresUrl(lineItemUrl: string): string {
  const url = new URL(lineItemUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/scores`;
  return url.toString();
}

export async function sendScore(lineItemUrl: string, token: string, score: Score): Promise<void> {
  await send(scoresUrl(lineItemUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': MEDIA.score },
    body: JSON.stringify({ ...score, timestamp: score.timestamp.toISOString() }),
  }, 'gradeService');
}
