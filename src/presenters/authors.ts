import type { Anonymity } from '../domain/discussion';
import { isErased } from '../domain/care';
import { displayName, isUnnamed, memberTag, type Person } from '../domain/person';
import { hasMessage, type NestedMessage, type Translate } from '../i18n/translate';
import type { Directory } from '../commands/discussion/directory';
import type { Subject } from '../policies/can';

/**
 * The one place that decides whose name a viewer sees on a post. A post anonymous to peers shows
 * its author's name to staff only; a post anonymous to everyone shows it to no one, staff
 * included; the author always learns which posts are theirs. No view ever carries an author's id,
 * so nothing downstream (HTML, JSON, socket payloads, exports) can leak it.
 */
export interface AuthorView {
  /** The name in English (JSON clients); pages say `nameMessage` instead where it is set. */
  name: string;
  /**
   * Where Agora words the name itself (a former member, a pseudonym, "Member 1a2b"): the catalog
   * message, which partials/author.hbs says in the viewer's language ({{tm}}); null for a real name.
   */
  nameMessage: NestedMessage | null;
  initials: string;
  anonymous: boolean;
  /** For staff and the author: how the post is shown to others; null for named posts. */
  anonymityNote: string | null;
  /** The same note as a catalog message, for the viewer's language. */
  anonymityNoteMessage: NestedMessage | null;
  isYou: boolean;
  /** A community champion's badge: only where the name itself is shown, so it never hints at an anonymous author. */
  champion: boolean;
}

export function initialsOf(name: string): string {
  return name.replace(/^Anonymous\s+/, '').split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0]!.toUpperCase()).join('') || '?';
}

export function presentAuthor(post: { authorId: string; anonymity: Anonymity }, viewer: Subject, directory: Directory): AuthorView {
  const isYou = viewer.personId !== '' && viewer.personId === post.authorId;
  const person = directory.people.get(post.authorId);
  const realName = person ? displayName(person) : 'Former member';
  const pseudonym = directory.pseudonyms.get(post.authorId) ?? 'Anonymous member';
  const showsName = post.anonymity === 'named' || (post.anonymity === 'peers' && viewer.role === 'staff');
  const name = showsName ? realName : pseudonym;
  let anonymityNote: string | null = null;
  let anonymityNoteMessage: NestedMessage | null = null;
  if (post.anonymity === 'peers' && (viewer.role === 'staff' || isYou)) {
    anonymityNote = 'Anonymous to classmates';
    anonymityNoteMessage = { key: 'people.anonymousToClassmates' };
  }
  if (post.anonymity === 'everyone' && (viewer.role === 'staff' || isYou)) {
    anonymityNote = 'Anonymous to everyone, staff included';
    anonymityNoteMessage = { key: 'people.anonymousToEveryone' };
  }
  const nameMessage = showsName ? personNameMessage(person) : pseudonymMessage(pseudonym);
  const champion = showsName && person !== undefined && directory.champions?.has(post.authorId) === true;
  return { name, nameMessage, initials: initialsOf(name), anonymous: !showsName, anonymityNote, anonymityNoteMessage, isYou, champion };
}

/** A person's name as Agora words it (gone or erased: "Former member"; no name shared: "Member 1a2b"), or null for their own name. */
export function personNameMessage(person: Pick<Person, 'id' | 'name' | 'givenName' | 'familyName' | 'subject'> | undefined): NestedMessage | null {
  if (!person || isErased(person)) return { key: 'people.formerMember' };
  return isUnnamed(person) ? { key: 'people.member', params: { id: memberTag(person) } } : null;
}

/** "Anonymous Heron 2" (stored in English) as a catalog message, so each language says it its way. */
export function pseudonymMessage(pseudonym: string): NestedMessage | null {
  const match = /^Anonymous ([A-Z][a-z]+)(?: (\d+))?$/.exec(pseudonym);
  const key = `people.pseudonym.${match?.[1] ?? ''}`;
  if (!match || !hasMessage(key)) return pseudonym === 'Anonymous member' ? { key: 'people.anonymousMember' } : null;
  return match[2] ? { key: 'people.numberedPseudonym', params: { name: { key }, n: match[2] } } : { key };
}

/** An author's name in the reader's language, for sentences built in code (notifications). */
export function authorName(author: Pick<AuthorView, 'name' | 'nameMessage'>, t: Translate): string {
  return author.nameMessage ? t(author.nameMessage.key, author.nameMessage.params) : author.name;
}
