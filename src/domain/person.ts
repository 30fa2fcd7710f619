import type { Id } from './ids';

/** One human as an LMS knows them: (issuer, sub) is their identity across all of that LMS's courses. */
export interface Person {
  id: Id;
  issuer: string;
  subject: string;
  name: string | null;
  givenName: string | null;
  familyName: string | null;
  email: string | null;
  createdAt: Date;
}

/**
 * The name others see. Launches may carry no PII at all (a privacy setting in the LMS),
 * so fall back to a stable, neutral label derived from the person's id.
 */
export function displayName(person: Pick<Person, 'id' | 'name' | 'givenName' | 'familyName'>): string {
  const full = person.name?.trim() || [person.givenName, person.familyName].filter(Boolean).join(' ').trim();
  if (full) return full;
  return `Member ${person.id.slice(-4).toLowerCase()}`;
}

/**
 * @-handles for a course's members, derived from display names ("Ada Lovelace" → ada.lovelace),
 * made unique in join order (ada.lovelace, ada.lovelace2). `members` must be in join order so a
 * handle never moves from one person to another as people join.
 */
export function memberHandles(members: ReadonlyArray<Pick<Person, 'id' | 'name' | 'givenName' | 'familyName'>>): Map<string, string> {
  const byHandle = new Map<string, string>();
  for (const member of members) {
    const base = displayName(member)
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '.')
      .replace(/^\.+|\.+$/g, '') || 'member';
    let handle = base;
    for (let n = 2; byHandle.has(handle); n += 1) handle = `${base}${n}`;
    byHandle.set(handle, member.id);
  }
  return byHandle;
}
