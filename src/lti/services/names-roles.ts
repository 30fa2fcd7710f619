import { z } from 'zod';
import { readJson, ServiceError } from './http';

/**
 * Names and Role Provisioning Services 2.0: the whole roster, every page. ltijs's getMembers reads
 * one page unless told `pages: false`, follows whatever `next` link it is given with the bearer
 * token, and never stops on a loop; this client follows `rel="next"` only within the service's own
 * origin, stops on a repeated page or after MAX_PAGES, and checks every member with zod.
 */
export const NRPS_SCOPE = 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly';
const MEDIA_TYPE = 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json';
const MAX_PAGES = 500;

const Member = z.looseObject({
  user_id: z.string().min(1),
  roles: z.array(z.string()),
  status: z.string().optional(),
  name: z.string().optional(),
  given_name: z.string().optional(),
  family_name: z.string().optional(),
  email: z.string().optional(),
});
export type RosterMember = z.infer<typeof Member>;

const Container = z.looseObject({
  members: z.array(z.unknown()),
});

/** Every member the LMS lists for the context, in the order it sent them. */
export async function fetchRoster(membershipsUrl: string, accessToken: string): Promise<RosterMember[]> {
  const origin = new URL(membershipsUrl).origin;
  const seen = new Set<string>();
  const members: RosterMember[] = [];
  let next: string | null = membershipsUrl;
  while (next) {
    if (seen.has(next)) break; // a platform whose last page links to an earlier one
    if (seen.size >= MAX_PAGES) throw new ServiceError('ltiServices.rosterTooManyPages', { max: MAX_PAGES });
    seen.add(next);
    const page = await readJson(next, { headers: { authorization: `Bearer ${accessToken}`, accept: MEDIA_TYPE } }, 'rosterService');
    const container = Container.safeParse(page.body);
    if (!container.success) throw new ServiceError('ltiServices.noMemberList', { url: next });
    for (const raw of container.data.members) {
      const member = Member.safeParse(raw);
      // A member Agora cannot read would otherwise look removed: refuse the whole roster instead.
      if (!member.success) throw new ServiceError('ltiServices.unreadableMember', { entry: members.length + 1 });
      members.push(member.data);
    }
    next = nextLink(page.headers.get('link'), next);
    if (next && new URL(next).origin !== origin) {
      throw new ServiceError('ltiServices.rosterNextPageElsewhere', { origin: new URL(next).origin });
    }
  }
  return members;
}

/** The `rel="next"` target of an HTTP Link header, resolved against the page's URL. */
export function nextLink(header: string | null, base: string): string | null {
  if (!header) return null;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (!match) continue;
    const rels = /(?:^|;)\s*rel\s*=\s*"?([^";]+)"?/i.exec(match[2]!)?.[1]?.toLowerCase().split(/\s+/) ?? [];
    if (rels.includes('next')) {
      try {
        return new URL(match[1]!, base).toString();
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** Members who are in the course now: NRPS `status` defaults to Active. */
export function isActive(member: RosterMember): boolean {
  return (member.status ?? 'Active').toLowerCase() === 'active';
}
