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
}

export async function loadDirectory(ctx: CommandContext, course: Pick<Course, 'id'>, posts: ReadonlyArray<Pick<Thread | Reply, 'authorId'>>, extraPeople: string[] = []): Promise<Directory> {
  const authorIds = [...new Set([...posts.map((p) => p.authorId), ...extraPeople])];
  const [people, pseudonyms, tags] = await Promise.all([
    ctx.storage.people.findByIds(authorIds),
    ctx.storage.pseudonyms.findMany(course.id, authorIds),
    ctx.storage.tags.listByCourse(course.id),
  ]);
  return {
    people: new Map(people.map((p) => [p.id, p])),
    pseudonyms,
    tags: new Map(tags.map((t) => [t.id, t])),
  };
}
