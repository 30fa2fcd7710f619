import { z } from 'zod';
import { pseudonymCandidates } from '../../src/commands/discussion/pseudonyms';
import type { Directory } from '../../src/commands/discussion/directory';
import { AppError, badRequest } from '../../src/domain/errors';
import type { Person } from '../../src/domain/person';
import { displayName } from '../../src/domain/person';
import { translate } from '../../src/i18n/translate';
import { issueMessage } from '../../src/i18n/zod-issues';
import { VIEWS_DIR } from '../../src/paths';
import { presentAuthor } from '../../src/presenters/authors';
import { createTemplates } from '../../src/rendering/templates';

/**
 * Words Agora builds in code rather than in templates: error sentences (keys with parameters, said
 * in the reader's language), the names it gives people it cannot name, and form checks.
 */
const person = (id: string, name: string | null, subject = id): Person => ({
  id, issuer: 'https://lms.example', subject, name, givenName: null, familyName: null, email: null, locale: null, createdAt: new Date(0),
});
const directory = (people: Person[], pseudonyms: Record<string, string> = {}): Directory => ({
  people: new Map(people.map((p) => [p.id, p])), pseudonyms: new Map(Object.entries(pseudonyms)), tags: new Map(),
});
const learner = { personId: 'viewer', courseId: 'c1', role: 'learner' as const };
const staff = { personId: 'staff', courseId: 'c1', role: 'staff' as const };

describe('error sentences', () => {
  it('keep the English sentence as the message, and say it in any language on demand', () => {
    const error = badRequest('TITLE_TOO_LONG', 'errors.titleTooLong', { max: 200, length: 1234 });
    expect(error).toBeInstanceOf(AppError);
    expect(error.message).toBe('Keep the title under 200 characters (it has 1,234).');
    expect(error.messageIn('es')).toBe('El título debe tener menos de 200 caracteres (tiene 1234).');
    expect(error.code).toBe('TITLE_TOO_LONG');
  });

  it('say words inside a sentence in the same language', () => {
    const error = badRequest('QUESTION_STATE', 'errors.questionState', { status: { key: 'errors.questionStatus.answered' }, change: { key: 'errors.questionChange.hidden' } });
    expect(error.message).toBe('This question is answered now, so it cannot be hidden. Reload to see its current state.');
    expect(error.messageIn('es')).toBe('Esta pregunta está respondida ahora, así que no puede ser ocultada. Recarga para ver su estado actual.');
  });
});

describe('form checks', () => {
  const schema = z.object({ title: z.string({ message: 'errors.titleRequired' }), body: z.string().max(5), kind: z.enum(['a', 'b']).optional() });
  const first = (input: unknown) => schema.safeParse(input).error!.issues[0]!;
  const say = (input: unknown, locale: 'en' | 'es') => translate(locale, ...issueMessage(first(input)));

  it("say a schema's own sentence in the reader's language", () => {
    expect(say({ body: '' }, 'es')).toBe('Ponle un título a tu hilo.');
    expect(say({ body: '' }, 'en')).toBe('Give your thread a title.');
  });

  it('say other problems by kind, naming the field in the reader’s language', () => {
    expect(say({ title: 't', body: 'too long' }, 'es')).toBe('Acorta el texto a 5 caracteres como máximo.');
    expect(say({ title: 't', body: 'too long' }, 'en')).toBe('Shorten the text to at most 5 characters.');
    expect(say({ title: 't', body: '', kind: 'c' }, 'es')).toBe('Elige una de las opciones ofrecidas para «kind».');
    expect(say({ title: 't' }, 'es')).toBe('Completa el texto.');
    expect(say({ title: 't', body: 42 }, 'en')).toBe('Check the text: its value is not valid.');
  });
});

describe('names Agora words itself', () => {
  const templates = createTemplates(VIEWS_DIR);
  const author = (view: ReturnType<typeof presentAuthor>, locale: 'en' | 'es') => templates.renderPartial('author', { ...view, locale });

  it("says an anonymous author's pseudonym in the reader's language", async () => {
    const view = presentAuthor({ authorId: 'p1', anonymity: 'everyone' }, learner, directory([person('p1', 'Ada')], { p1: 'Anonymous Heron 2' }));
    expect(view.name).toBe('Anonymous Heron 2');
    expect(await author(view, 'es')).toContain('<span class="author">Garza anónima 2</span>');
    expect(await author(view, 'en')).toContain('<span class="author">Anonymous Heron 2</span>');
  });

  it('says "former member" and the anonymity notes in the reader’s language', async () => {
    const gone = presentAuthor({ authorId: 'gone', anonymity: 'named' }, learner, directory([]));
    expect(await author(gone, 'es')).toContain('Antiguo miembro');
    const peers = presentAuthor({ authorId: 'p1', anonymity: 'peers' }, staff, directory([person('p1', 'Ada')], { p1: 'Anonymous Owl' }));
    const html = await author(peers, 'es');
    expect(html).toContain('<span class="author">Ada</span>');
    expect(html).toContain(translate('es', 'people.anonymousToClassmates'));
  });

  it('names someone whose launches shared no name "Member 1a2b", in the reader’s language', async () => {
    const nameless = person('01ARZ3NDEKTSV4RRFFQ69G5FAV', null);
    expect(displayName(nameless)).toBe('Member 5fav');
    expect(displayName(nameless, 'es')).toBe('Miembro 5fav');
    const view = presentAuthor({ authorId: nameless.id, anonymity: 'named' }, learner, directory([nameless]));
    expect(await author(view, 'es')).toContain('<span class="author">Miembro 5fav</span>');
  });

  it('has a distinct Spanish name for every pseudonym Agora hands out', () => {
    const english = pseudonymCandidates('course', 'person').filter((name) => !/\d$/.test(name));
    const spanish = english.map((name) => presentAuthor({ authorId: 'p', anonymity: 'everyone' }, learner, directory([], { p: name })).nameMessage);
    expect(spanish.every(Boolean)).toBe(true);
    const said = spanish.map((message) => translate('es', message!.key, message!.params));
    expect(new Set(said).size).toBe(english.length);
  });
});
