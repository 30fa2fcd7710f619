import { displayName, initialsOf, type Person } from '../domain/person';
import type { NestedMessage } from '../i18n/translate';
import { personNameMessage } from './authors';

export interface PersonView {
  id: string;
  /** The name in English words where Agora words it; pages say `nameMessage` instead ({{nameOf}}). */
  name: string;
  nameMessage: NestedMessage | null;
  initials: string;
}

export function presentPerson(person: Person | undefined): PersonView {
  if (!person) return { id: '', name: 'Former member', nameMessage: personNameMessage(undefined), initials: '?' };
  const name = displayName(person);
  return { id: person.id, name, nameMessage: personNameMessage(person), initials: initialsOf(name) };
}
