import type { Id } from './ids';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locales';
import { translate } from '../i18n/translate';

/** One human as an LMS knows them: (issuer, sub) is their identity across all of that LMS's courses. */
export interface Person {
  id: Id;
  issuer: string;
  subject: string;
  name: string | null;
  givenName: string | null;
  familyName: string | null;
  email: string | null;
  /** The locale the person's latest launch asked for, as sent ("es-ES"); null when it asked for none. */
  locale: string | null;
  createdAt: Date;
}

/**
 * The name others see. Launches may carry no PII at all (a privacy setting in the LMS),
 * so fall back to a stable, neutral label derived from the person's id ("Member 1a2b", in `locale`).
 */
export function displayName(person: Pick<Person, 'id' | 'name' | 'givenName' | 'familyName'>, locale: Locale = DEFAULT_LOCALE): string {
  const full = fullName(person);
  if (full) return full;
  return translate(locale, 'people.member', { id: memberTag(person) });
}

/** The short id of the "Member 1a2b" label (for templates: {{t "people.member" id=...}}). */
export const memberTag = (person: Pick<Person, 'id'>): string => person.id.slice(-4).toLowerCase();

const fullName = (person: Pick<Person, 'name' | 'givenName' | 'familyName'>): string =>
  person.name?.trim() || [person.givenName, person.familyName].filter(Boolean).join(' ').trim();

/** Whether the launches shared no name at all, so Agora words the name itself. */
export const isUnnamed = (person: Pick<Person, 'name' | 'givenName' | 'familyName'>): boolean => fullName(person) === '';

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

/** "Ada Lovelace" → "AL": the avatar's letters, for any name a person goes by. */
export function initialsOf(name: string): string {
  return name.split(/\s+/).filter(Boolean).slice(0, 2).map((word) => word[0]!.toUpperCase()).join('') || '?';
}
