/**
 * Assignment and Grade Services of the test LMS (tests/support/test-platform.ts), on the same real
 * local port, shaped like Moodle's: line item URLs carry a `?type_id=` query that every call must
 * keep, the line items container pages with Link headers, and each call checks the bearer token the
 * platform's token endpoint issued and its scopes. Scores are recorded so tests can assert them, and
 * the score endpoint can be made to fail (a status for every score, or 422 for chosen learners).
 */
import type http from 'node:http';
import type { PlatformIdentity } from './lti-platform-services';

export const AGS_CLAIM = 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint';
export const AGS_SCOPE = {
  lineItem: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
  lineItemReadonly: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly',
  resultReadonly: 'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
  score: 'https://purl.imsglobal.org/spec/lti-ags/scope/score',
} as const;
export const ALL_AGS_SCOPES = Object.values(AGS_SCOPE);

const MEDIA = {
  lineItem: 'application/vnd.ims.lis.v2.lineitem+json',
  container: 'application/vnd.ims.lis.v2.lineitemcontainer+json',
  score: 'application/vnd.ims.lis.v1.score+json',
} as const;
const ACTIVITY = ['Initialized', 'Started', 'InProgress', 'Submitted', 'Completed'];
const GRADING = ['FullyGraded', 'Pending', 'PendingManual', 'Failed', 'NotReady'];
const TYPE_ID = '1';

type Json = Record<string, unknown>;

export interface PlatformLineItem {
  id: string;
  label: string;
  scoreMaximum: number;
  resourceId?: string;
  tag?: string;
  resourceLinkId?: string;
}

export interface ReceivedScore {
  contextId: string;
  lineItemId: string;
  userId: string;
  scoreGiven: number;
  scoreMaximum: number;
  activityProgress: string;
  gradingProgress: string;
  timestamp: string;
  comment?: string;
}

export class PlatformGrades {
  /** Line items per page of the container (the `limit` query parameter may lower it). */
  pageSize = 2;
  /** Like some platforms, ignore the container's resource_id / tag / resource_link_id filters (and list everything). */
  ignoreFilters = false;
  /** When set, the scores endpoint answers this status to every score. */
  scoreFailure: number | null = null;
  /** Learners whose scores are refused with 422, as Canvas refuses someone who is not a student of the course. */
  readonly unknownUsers = new Set<string>();
  readonly scores: ReceivedScore[] = [];
  /** Every AGS request: method and full URL. */
  readonly requests: Array<{ method: string; url: string }> = [];
  private readonly lineItems = new Map<string, Array<PlatformLineItem & { n: number }>>();
  private nextNumber = 1;

  constructor(private readonly platform: PlatformIdentity, private readonly tokens: { scopesOf(req: http.IncomingMessage): string[] | null }) {}

  lineItemsUrl(contextId: string): string { return `${this.platform.url}/ags/${encodeURIComponent(contextId)}/lineitems?type_id=${TYPE_ID}`; }

  /** Adds a line item to the course, as a teacher or another tool would. */
  addLineItem(contextId: string, item: Omit<PlatformLineItem, 'id'>): PlatformLineItem {
    const n = this.nextNumber++;
    const stored = { ...item, n, id: `${this.platform.url}/ags/${encodeURIComponent(contextId)}/lineitems/${n}/lineitem?type_id=${TYPE_ID}` };
    this.lineItems.set(contextId, [...(this.lineItems.get(contextId) ?? []), stored]);
    return this.publish(stored);
  }

  listLineItems(contextId: string): PlatformLineItem[] {
    return (this.lineItems.get(contextId) ?? []).map((item) => this.publish(item));
  }

  /** Deletes a line item, as a teacher removing the grade column. */
  deleteLineItem(contextId: string, id: string): void {
    this.lineItems.set(contextId, (this.lineItems.get(contextId) ?? []).filter((item) => item.id !== id));
  }

  /** The claim a launch carries when this platform offers AGS for the context; `lineItem` makes it a graded link. */
  claim(contextId: string, options: { scopes?: string[]; lineItem?: string } = {}): Json {
    return {
      [AGS_CLAIM]: {
        scope: options.scopes ?? ALL_AGS_SCOPES,
        lineitems: this.lineItemsUrl(contextId),
        ...(options.lineItem ? { lineitem: options.lineItem } : {}),
      },
    };
  }

  /** The newest score each user got on the line item. */
  latestScores(lineItemId: string): Map<string, ReceivedScore> {
    const latest = new Map<string, ReceivedScore>();
    for (const score of this.scores) if (score.lineItemId === lineItemId) latest.set(score.userId, score);
    return latest;
  }

  /** Handles the request when it is one of these services; false otherwise. */
  async handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean> {
    const match = /^\/ags\/([^/]+)\/lineitems(?:\/(\d+)\/lineitem(\/scores)?)?$/.exec(url.pathname);
    if (!match) return false;
    this.requests.push({ method: req.method ?? '', url: url.toString() });
    const contextId = decodeURIComponent(match[1]!);
    const item = match[2] ? (this.lineItems.get(contextId) ?? []).find((candidate) => candidate.n === Number(match[2])) : undefined;
    if (url.searchParams.get('type_id') !== TYPE_ID) return answer(res, 400, { error: 'type_id is missing from the URL (it was dropped from the line item URL)' });
    if (!match[2] && req.method === 'GET') return this.container(contextId, url, req, res);
    if (!match[2] && req.method === 'POST') return this.create(contextId, req, res);
    if (match[2] && !match[3] && req.method === 'GET') {
      if (!this.allowed(req, res, [AGS_SCOPE.lineItem, AGS_SCOPE.lineItemReadonly])) return true;
      return item ? answer(res, 200, this.publish(item), MEDIA.lineItem) : answer(res, 404, { error: 'no such line item' });
    }
    if (match[3] && req.method === 'POST') return this.score(contextId, item, req, res);
    return answer(res, 405, { error: 'method not allowed' });
  }

  private container(contextId: string, url: URL, req: http.IncomingMessage, res: http.ServerResponse): boolean {
    if (!this.allowed(req, res, [AGS_SCOPE.lineItem, AGS_SCOPE.lineItemReadonly])) return true;
    if (req.headers.accept !== MEDIA.container) return answer(res, 406, { error: `Accept must be ${MEDIA.container}` });
    const filters = { resourceId: url.searchParams.get('resource_id'), tag: url.searchParams.get('tag'), resourceLinkId: url.searchParams.get('resource_link_id') };
    const items = (this.lineItems.get(contextId) ?? []).filter((item) => this.ignoreFilters || Object.entries(filters)
      .every(([field, wanted]) => wanted === null || item[field as keyof typeof filters] === wanted));
    const limit = Math.min(this.pageSize, Number(url.searchParams.get('limit') ?? this.pageSize));
    const page = Number(url.searchParams.get('page') ?? '0');
    const headers: Record<string, string> = { 'content-type': MEDIA.container };
    if ((page + 1) * limit < items.length) {
      const next = new URL(url.toString());
      next.searchParams.set('page', String(page + 1));
      headers.link = `<${next.toString()}>; rel="next"`;
    }
    res.writeHead(200, headers).end(JSON.stringify(items.slice(page * limit, (page + 1) * limit).map((item) => this.publish(item))));
    return true;
  }

  private async create(contextId: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
    if (!this.allowed(req, res, [AGS_SCOPE.lineItem])) return true;
    if (req.headers['content-type'] !== MEDIA.lineItem) return answer(res, 415, { error: `Content-Type must be ${MEDIA.lineItem}` });
    const body = JSON.parse(await readBody(req)) as Json;
    if (typeof body.label !== 'string' || body.label.trim() === '') return answer(res, 400, { error: 'label is required' });
    if (typeof body.scoreMaximum !== 'number' || body.scoreMaximum <= 0) return answer(res, 400, { error: 'scoreMaximum must be a number above 0' });
    const created = this.addLineItem(contextId, {
      label: body.label, scoreMaximum: body.scoreMaximum,
      ...(typeof body.resourceId === 'string' ? { resourceId: body.resourceId } : {}),
      ...(typeof body.tag === 'string' ? { tag: body.tag } : {}),
    });
    return answer(res, 201, created, MEDIA.lineItem);
  }

  private async score(contextId: string, item: (PlatformLineItem & { n: number }) | undefined, req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
    if (!this.allowed(req, res, [AGS_SCOPE.score])) return true;
    if (req.headers['content-type'] !== MEDIA.score) return answer(res, 415, { error: `Content-Type must be ${MEDIA.score}` });
    if (!item) return answer(res, 404, { error: 'no such line item' });
    if (this.scoreFailure) return answer(res, this.scoreFailure, { error: 'the gradebook is unavailable' });
    const body = JSON.parse(await readBody(req)) as Json;
    const problems = [
      typeof body.userId !== 'string' && 'userId',
      (typeof body.scoreGiven !== 'number' || body.scoreGiven < 0) && 'scoreGiven',
      (typeof body.scoreMaximum !== 'number' || body.scoreMaximum <= 0) && 'scoreMaximum',
      !ACTIVITY.includes(String(body.activityProgress)) && 'activityProgress',
      !GRADING.includes(String(body.gradingProgress)) && 'gradingProgress',
      (typeof body.timestamp !== 'string' || !/(Z|[+-]\d\d:\d\d)$/.test(body.timestamp) || Number.isNaN(Date.parse(body.timestamp))) && 'timestamp',
    ].filter(Boolean);
    if (problems.length > 0) return answer(res, 400, { error: 'invalid score', problems });
    const score = body as unknown as ReceivedScore;
    if (this.unknownUsers.has(score.userId)) return answer(res, 422, { errors: { message: 'User not found in course or is not a student' } });
    // As Canvas does: a score older than the one the platform has is refused.
    const previous = this.latestScores(item.id).get(score.userId);
    if (previous && Date.parse(previous.timestamp) > Date.parse(score.timestamp)) return answer(res, 400, { error: 'timestamp is older than the current score' });
    this.scores.push({ ...score, contextId, lineItemId: item.id });
    res.writeHead(204).end();
    return true;
  }

  /** True when the request carries a live token with one of `scopes`; otherwise answers 401 or 403 itself. */
  private allowed(req: http.IncomingMessage, res: http.ServerResponse, scopes: string[]): boolean {
    const granted = this.tokens.scopesOf(req);
    if (!granted) {
      answer(res, 401, { error: 'invalid_token' });
      return false;
    }
    if (!scopes.some((scope) => granted.includes(scope))) {
      answer(res, 403, { error: 'insufficient_scope', needs: scopes });
      return false;
    }
    return true;
  }

  private publish(item: PlatformLineItem & { n?: number }): PlatformLineItem {
    const { n: _n, ...published } = item;
    return published;
  }
}

function answer(res: http.ServerResponse, status: number, body: unknown, type = 'application/json'): true {
  res.writeHead(status, { 'content-type': type }).end(JSON.stringify(body));
  return true;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => { body += chunk; });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}
