import type { Champion, QuestionRouting } from '../../../domain/care';
import { ERASED_NAME, ERASED_SUBJECT_PREFIX, isErased } from '../../../domain/care';
import type { Course } from '../../../domain/course';
import { badRequest, notFound } from '../../../domain/errors';
import { newId } from '../../../domain/ids';
import { displayName, type Person } from '../../../domain/person';
import { DEFAULT_LOCALE, LOCALES } from '../../../i18n/locales';
import { translate } from '../../../i18n/translate';
import type { ErasureCounts, PersonalRecords } from '../../../storage/care-ports';
import type { DigestRecords } from '../../../storage/digest-ports';
import type { CommandContext } from '../../context';
import { courseMentions, searchDocument } from '../../discussion/support';
import { renderMarkdown } from '../../markdown';

/**
 * Every person controls their own data: they can download everything Agora holds about them, and
 * erase it. These act on the signed-in person only (the session says who), never on someone else.
 * The store collects and erases every area's records about them in one step (the discussion room,
 * the hotseat, the alumni space, participation grades: PersonalDataRepository); the steps below add
 * what lives elsewhere (champion marks, routings, the courses and communities named in the export).
 */
export interface PersonalData {
  person: Person;
  courses: Map<string, Pick<Course, 'id' | 'title' | 'label'>>;
  /** The alumni communities their records mention, by id: their names. */
  communities: Map<string, string>;
  records: PersonalRecords;
  champions: Champion[];
  routings: QuestionRouting[];
  /** Their email-digest choice and the log of what digests sent them (commands/digest). */
  digest: DigestRecords;
}

async function signedInPerson(ctx: CommandContext, personId: string): Promise<Person> {
  const person = await ctx.storage.people.findById(personId);
  if (!person || isErased(person)) throw notFound('PERSON_NOT_FOUND', 'errors.personNotFound');
  return person;
}

export async function collectPersonalData(ctx: CommandContext, personId: string): Promise<PersonalData> {
  const person = await signedInPerson(ctx, personId);
  const [records, champions, routings, digest] = await Promise.all([
    ctx.storage.personalData.collect(person.id),
    ctx.storage.champions.listForPerson(person.id),
    ctx.storage.questionRoutings.listForPerson(person.id),
    ctx.storage.digests.collect(person.id),
  ]);
  const courseIds = new Set([
    ...records.memberships.map((m) => m.courseId), ...records.posts.map((p) => p.courseId), ...records.hotseatQuestions.map((q) => q.courseId),
    ...records.hotseatHosting.map((h) => h.courseId), ...records.alumni.map((a) => a.courseId), ...records.gradePushes.map((g) => g.courseId),
  ]);
  const courses = new Map<string, Pick<Course, 'id' | 'title' | 'label'>>();
  for (const courseId of courseIds) {
    const course = await ctx.storage.courses.findById(courseId);
    if (course) courses.set(course.id, { id: course.id, title: course.title, label: course.label });
  }
  const communityIds = [...new Set([...records.alumni.map((a) => a.communityId), ...records.alumniProfiles.map((p) => p.communityId)])];
  const communities = new Map((await ctx.storage.communities.listByIds(communityIds)).map((c) => [c.id, c.name]));
  return { person, courses, communities, records, champions, routings, digest };
}

/** What an erased person's @-mentions become in other people's Markdown (it mentions nobody). */
const ERASED_HANDLE = 'former.member';

/**
 * What the person types to confirm, so an erasure is never one stray click: the page asks for it in
 * the reader's language ("erase my data", "borrar mis datos"), and any language Agora speaks counts.
 */
export const ERASE_CONFIRMATION = translate(DEFAULT_LOCALE, 'care.eraseConfirmationPhrase');
const ERASE_CONFIRMATIONS = new Set(LOCALES.map((locale) => translate(locale, 'care.eraseConfirmationPhrase')));

/** The rendered @mention of a name, exactly as posts carry it (same renderer, same escaping). */
function mentionHtml(name: string): string {
  const html = renderMarkdown('@someone', { mentions: new Map([['someone', name]]) });
  return /<span class="mention">[^<]*<\/span>/.exec(html)?.[0] ?? '';
}

/**
 * Erases the person's personal data (see PersonalDataRepository.erase for exactly what goes and
 * what stays). Their posts stay and show "Former member"; anonymous posts keep their pseudonym.
 * Their name inside other people's @mentions becomes "Former member" too, in the rendered posts
 * and in search, and their @-handle in the Markdown (and earlier versions) becomes @former.member.
 * Their next launch from the LMS creates a new, empty person.
 */
export async function eraseMyData(ctx: CommandContext, personId: string, input: { confirmation: string }): Promise<ErasureCounts> {
  if (!ERASE_CONFIRMATIONS.has(input.confirmation.trim().toLowerCase())) {
    throw badRequest('NOT_CONFIRMED', 'errors.eraseNotConfirmed', { confirmation: { key: 'care.eraseConfirmationPhrase' } });
  }
  const person = await signedInPerson(ctx, personId);
  const { memberships } = await ctx.storage.personalData.collect(person.id);
  const courseIds = memberships.map((m) => m.courseId);
  const from = mentionHtml(displayName(person));
  const to = mentionHtml(ERASED_NAME);
  // The person's @-handle in each course (derived from their name), as others typed it.
  const handles: Array<{ courseId: string; handle: string }> = [];
  for (const courseId of courseIds) {
    const { personIds } = await courseMentions(ctx, { id: courseId });
    for (const [handle, id] of personIds) if (id === person.id) handles.push({ courseId, handle });
  }
  return ctx.storage.transaction(async (tx) => {
    const counts = await tx.personalData.erase(person.id, { name: ERASED_NAME, subject: `${ERASED_SUBJECT_PREFIX}${newId(ctx.now().getTime())}` });
    // The alumni space keeps an address for email sign-in (profiles went with erase above): it goes,
    // and with it every way back in (an unused sign-in link is refused once its consent is gone).
    await tx.signIn.optOut(person.id);
    // Their digest choice, sent log and back-off go too (with the address, no digest could be sent anyway).
    await tx.digests.erase(person.id);
    for (const { courseId, handle } of handles) await tx.personalData.replaceMentionInSources(courseId, handle, ERASED_HANDLE);
    if (from && from !== to) {
      for (const post of await tx.personalData.replaceInRenderedPosts(courseIds, from, to)) {
        await tx.search.index(searchDocument({ courseId: post.courseId, id: post.threadId, title: post.title }, { kind: post.postKind, id: post.id, bodyHtml: post.bodyHtml }));
      }
    }
    return counts;
  });
}
