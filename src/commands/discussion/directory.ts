import type { Course } from '../../domain/course';
import type { Reply, Tag, Thread } from '../../domain/discussion';
import type { Person } from '../../domain/person';
import type { CommandContext } from '../context';

/**
 * What presenters need to show posts' authors and tags: the people behind named posts, the
 * pseudonyms behind anonymous ones, the course's tags. Presenters decide who sees which.
 */
export interface Directory {
  people: Map<string, Person>;
  pseudonyms: Map<string, string>;
  tags: Map<string, Tag>;
  /** The course's community champions (a badge beside their name where it is shown). */
  champions?: Set<string>;
}

export async function loadDirectory(ctx: CommandContext, course: Pick<Course, 'id'>, posts: ReadonlyArray<Pick<Thread | Reply, 'authorId'>>, extraPeople: string[] = []): Promise<Directory> {
  const authorIds = [...new Set([...posts.map((p) => p.authorId), ...extraPeople])];
  const [people, pseudonyms, tags, formerMembers, champions] = await Promise.all([
    ctx.storage.people.findByIds(authorIds),
    ctx.storage.pseudonyms.findMany(course.id, authorIds),
    ctx.storage.tags.listByCourse(course.id),
    // People who left an alumni community are left out, so every view shows them as "Former member".
    ctx.storage.alumni.formerMembersAmong(course.id, authorIds),
    ctx.storage.champions.listByCourse(course.id),
  ]);
  return {
    people: new Map(people.filter((p) => !formerMembers.has(p.id)).map((p) => [p.id, p])),
    pseudonyms,
    tags: new Map(tags.map((t) => [t.id, t])),
    champions: new Set(champions.map((c) => c.personId)),
  };
}
