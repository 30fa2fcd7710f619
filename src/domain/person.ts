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
