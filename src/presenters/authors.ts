import type { Anonymity } from '../domain/discussion';
import { displayName } from '../domain/person';
import type { Directory } from '../commands/discussion/directory';
import type { Subject } from '../policies/can';

/**
 * The one place that decides whose name a viewer sees on a post. A post anonymous to peers shows
 * its author's name to staff only; a post anonymous to everyone shows it to no one, staff
 * included; the author always learns which posts are theirs. No view ever carries an author's id,
 * so nothing downstream (HTML, JSON, socket payloads, exports) can leak it.
 */
export interface AuthorView {
  name: string;
  initials: string;
  anonymous: boolean;
  /** For staff and the author: how the post is shown to others; null for named posts. */
  anonymityNote: string | null;
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
  if (post.anonymity === 'peers' && (viewer.role === 'staff' || isYou)) anonymityNote = 'Anonymous to classmates';
  if (post.anonymity === 'everyone' && (viewer.role === 'staff' || isYou)) anonymityNote = 'Anonymous to everyone, staff included';
  const champion = showsName && person !== undefined && directory.champions?.has(post.authorId) === true;
  return { name, initials: initialsOf(name), anonymous: !showsName, anonymityNote, isYou, champion };
}
