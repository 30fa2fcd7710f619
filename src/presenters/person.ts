import { displayName, type Person } from '../domain/person';

export interface PersonView {
  id: string;
  name: string;
  initials: string;
}

export function presentPerson(person: Person | undefined): PersonView {
  if (!person) return { id: '', name: 'Former member', initials: '?' };
  const name = displayName(person);
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]!.toUpperCase())
    .join('');
  return { id: person.id, name, initials };
}
