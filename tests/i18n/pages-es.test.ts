import path from 'node:path';
import { course as courseEn } from '../../src/i18n/messages/en/course';
import { course as courseEs } from '../../src/i18n/messages/es/course';
import { discussion as discussionEn } from '../../src/i18n/messages/en/discussion';
import { discussion as discussionEs } from '../../src/i18n/messages/es/discussion';
import { discussionStaff as discussionStaffEn } from '../../src/i18n/messages/en/discussion-staff';
import { discussionStaff as discussionStaffEs } from '../../src/i18n/messages/es/discussion-staff';
import { grades as gradesEn } from '../../src/i18n/messages/en/grades';
import { grades as gradesEs } from '../../src/i18n/messages/es/grades';
import { lti as ltiEn } from '../../src/i18n/messages/en/lti';
import { lti as ltiEs } from '../../src/i18n/messages/es/lti';
import type { Message } from '../../src/i18n/messages/types';
import { VIEWS_DIR } from '../../src/paths';
import { createTemplates } from '../../src/rendering/templates';
import { startCourseFixture, type CourseFixture } from '../support/course-fixture';
import { launchIntoCourse, newBrowser, type Browser } from '../support/launch';
import { act, postReply, postThread, threadPath } from '../support/room';
import { ROLE } from '../support/test-platform';
import { expectToContainAll, SPANISH_DATE_TIME, SPANISH_LAUNCH_LOCALE } from './support';

/**
 * The locale switch on the discussion room, course home, participation grades and LTI pages: a
 * person whose launch asks for Spanish reads them in Spanish, numbers and dates included, with no
 * English sentence of these areas left over; someone launched in English keeps English.
 * Pages come through real launches; the big numbers, decimal points and pre-launch LTI pages are
 * rendered from the templates directly (no test course has 12,345 votes).
 */

type Catalog = Readonly<Record<string, Message>>;
const PAIRS: Array<[Catalog, Catalog]> = [
  [courseEn, courseEs], [discussionEn, discussionEs], [discussionStaffEn, discussionStaffEs], [gradesEn, gradesEs], [ltiEn, ltiEs],
];

/**
 * English words of these areas that must not show on a Spanish page: every stretch of two words or
 * more between placeholders and markup, from each message whose Spanish differs. Single words are
 * left out ("Hotseat", "Agora", "Error" are the same in both languages), and so are names the
 * Spanish keeps as they are ("Names and Role Provisioning", "deep linking").
 */
const ENGLISH_FRAGMENTS = [...new Set(PAIRS.flatMap(([en, es]) => Object.keys(en).flatMap((key) => {
  const forms = (message: Message) => (typeof message === 'string' ? { other: message } : message) as Record<string, string>;
  const english = forms(en[key]!);
  const spanish = forms(es[key]!);
  return Object.entries(english)
    .flatMap(([form, text]) => {
      const translation = spanish[form] ?? spanish.other!;
      return text.split(/\{\w+\}|<[^>]*>|[“”"«»()←…:;.,?]/)
        .map((fragment) => fragment.trim())
        .filter((fragment) => fragment.includes(' ') && fragment.length >= 8 && !translation.includes(fragment));
    });
})))];

const decode = (text: string) => text.replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');

/** What a reader meets: text, plus the labels screen readers and confirmations say. */
function readableText(html: string): string {
  const text = html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]*>/g, (tag) => ` ${[...tag.matchAll(/(?:aria-label|title|alt|placeholder|data-confirm)="([^"]*)"/g)].map((m) => m[1]).join(' ')} `);
  return decode(text).replace(/\s+/g, ' ');
}

function expectNoEnglishLeft(html: string): void {
  const text = readableText(html);
  expect(ENGLISH_FRAGMENTS.filter((fragment) => text.includes(fragment))).toEqual([]);
}

describe('discussion, course, grades and LTI pages for a Spanish launch', () => {
  let f: CourseFixture;
  let rosa: Browser;
  let tomas: Browser;
  let questionId: string;

  /** Rosa (learner) and Tomás (instructor) join Biology 101 from an LMS set to Mexican Spanish. */
  const launchInSpanish = (browser: Browser, sub: string, name: string, role: string) =>
    launchIntoCourse(browser, f.platform, f.agora.url, f.platform.claims({ sub, name, roles: [role], locale: SPANISH_LAUNCH_LOCALE }));

  beforeAll(async () => {
    f = await startCourseFixture();
    rosa = newBrowser(f.agora.url);
    tomas = newBrowser(f.agora.url);
    await launchInSpanish(rosa, 'rosa', 'Rosa Díaz', ROLE.learner);
    await launchInSpanish(tomas, 'tomas', 'Tomás Ruiz', ROLE.instructor);
    questionId = (await postThread(rosa, f.courseId, { kind: 'question', title: '¿Por qué se pliegan las proteínas?', body: 'Duda del tema 3' })).id;
    const answer = await postReply(tomas, f.courseId, questionId, { body: 'Por el efecto hidrofóbico' });
    await postReply(rosa, f.courseId, questionId, { body: 'Gracias', parentId: answer.id });
  });
  afterAll(() => f.close());

  it('shows the course home in Spanish, and in English to an English launch', async () => {
    const home = await rosa.get(`/c/${f.courseId}`);
    expect(home.status).toBe(200);
    expect(home.text).toMatch(/Sesión iniciada como <strong>Rosa Díaz<\/strong> · Estudiante · \d+ miembros hasta ahora/);
    expectToContainAll(home.text, ['<h2 id="spaces-heading">Espacios</h2>', 'Sala de discusión', '1 hilo', 'Aún sin vincular']);
    expectNoEnglishLeft(home.text);

    const english = await f.ada.get(`/c/${f.courseId}`);
    expect(english.text).toContain('Signed in as <strong>Ada Lovelace</strong> · Learner');
    expect(english.text).toContain('1 thread');
  });

  it('says what is new since the last visit in one Spanish sentence', async () => {
    await rosa.get(`/c/${f.courseId}`);
    await postThread(f.ada, f.courseId, { title: 'Apuntes del tema 4' });
    await postThread(f.ada, f.courseId, { title: 'Apuntes del tema 5' });
    await postReply(f.bo, f.courseId, questionId, { body: 'Yo también me lo pregunto' });
    expect((await rosa.get(`/c/${f.courseId}`)).text).toContain('2 hilos nuevos y 1 respuesta nueva desde tu última visita');
  });

  it('shows the discussion room and a thread in Spanish, with Spanish dates', async () => {
    const room = await rosa.get(`/c/${f.courseId}/discussion`);
    expect(room.status).toBe(200);
    expectToContainAll(room.text, [
      '<title>Sala de discusión · Biology 101</title>', 'Abrir un hilo', '> Pregunta</label>', 'Pregunta sin resolver', '<option value="top">Más votados</option>',
    ]);
    expect(room.text).toMatch(/<span data-reply-count>\d+ respuestas?<\/span>/);
    expect(room.text).toMatch(SPANISH_DATE_TIME);
    expectNoEnglishLeft(room.text);

    const thread = await rosa.get(threadPath(f.courseId, questionId));
    expectToContainAll(thread.text, [
      '← Todos los hilos', 'Respuesta de Tomás Ruiz', 'Comentario de Rosa Díaz', 'Aceptar esta respuesta', 'Tu respuesta', 'data-confirm="¿Eliminar esta publicación?"',
    ]);
    expect(thread.text).toMatch(SPANISH_DATE_TIME);
    expectNoEnglishLeft(thread.text);

    expect((await f.ada.get(threadPath(f.courseId, questionId))).text).toContain('Your answer');
  });

  it('shows notifications, search and editing in Spanish', async () => {
    const notifications = await rosa.get(`/c/${f.courseId}/notifications`);
    expect(notifications.text).toContain('Tomás Ruiz respondió a tu pregunta en «¿Por qué se pliegan las proteínas?»');
    expectNoEnglishLeft(notifications.text);

    const search = await rosa.get(`/c/${f.courseId}/discussion/search?q=xilófono`);
    expect(search.text).toContain('Nada coincide con «xilófono».');
    expectNoEnglishLeft(search.text);

    const edit = await rosa.get(`/c/${f.courseId}/discussion/posts/thread/${questionId}/edit`);
    expect(edit.text).toContain('Editar tu hilo');
    expect(edit.text).toContain('Guardar los cambios');
    expectNoEnglishLeft(edit.text);
  });

  it('shows the staff pages of the room in Spanish', async () => {
    const answer = await postReply(f.ada, f.courseId, questionId, { body: 'Una respuesta con problemas' });
    expect((await act(f.bo, f.courseId, `/c/${f.courseId}/discussion/posts/reply/${answer.id}/report`, { reason: 'No es respetuosa' })).status).toBe(200);
    const moderation = await tomas.get(`/c/${f.courseId}/discussion/moderation`);
    expectToContainAll(moderation.text, ['<h2>Cola de moderación</h2>', 'Respuesta de', 'Descartar las denuncias']);
    expectNoEnglishLeft(moderation.text);

    const settings = await tomas.get(`/c/${f.courseId}/discussion/settings`);
    expect(settings.text).toContain('Publicaciones anónimas');
    expect(settings.text).toContain('Con nombre: cada publicación muestra quién la escribió');
    expectNoEnglishLeft(settings.text);

    const unanswered = await tomas.get(`/c/${f.courseId}/care/unanswered`);
    expect(unanswered.text).toContain('<strong>1 pregunta</strong> en espera.');
    expect(unanswered.text).toContain('ninguna aceptada ni avalada');
    expectNoEnglishLeft(unanswered.text);

    const route = await tomas.get(`/c/${f.courseId}/care/unanswered/${questionId}`);
    expect(route.text).toContain('<h2>Derivar una pregunta</h2>');
    expectNoEnglishLeft(route.text);

    // A learner asking for a staff page is told why, in Spanish.
    const refused = await rosa.get(`/c/${f.courseId}/discussion/settings`);
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Solo el personal docente puede cambiar los ajustes de la sala.');
  });

  it('shows the roster and participation grades in Spanish', async () => {
    const roster = await tomas.get(`/c/${f.courseId}/roster`);
    expect(roster.text).toContain('<h2>Participantes del curso</h2>');
    expect(roster.text).toMatch(/Rosa Díaz<\/span> · Estudiante · <span data-roster-status>Ha abierto Agora/);
    expect(roster.text).toMatch(/Tomás Ruiz<\/span> · Personal docente/);
    expectNoEnglishLeft(roster.text);

    const mine = await rosa.get(`/c/${f.courseId}/participation`);
    expect(mine.text).toContain('<title>Mi nota de participación · Biology 101</title>');
    expect(mine.text).toContain('En este curso la participación no se califica.');
    expectNoEnglishLeft(mine.text);

    const staff = await tomas.get(`/c/${f.courseId}/participation/staff`);
    expectToContainAll(staff.text, [
      'La nota de participación está <strong>desactivada</strong> en este curso.', 'Puntos por hilo abierto', '<th scope="col">Respuestas avaladas</th>',
    ]);
    expectNoEnglishLeft(staff.text);
  });
});

describe('numbers, decimals and pre-launch pages rendered for Spanish', () => {
  const templates = createTemplates(VIEWS_DIR);
  const page = (name: string, context: Record<string, unknown>) => new Promise<string>((resolve, reject) => {
    templates.engine(path.join(VIEWS_DIR, 'pages', `${name}.hbs`), { layout: false, ...context } as never, (error: unknown, html?: string) => (error ? reject(error) : resolve(html!)));
  });
  const when = { iso: '2026-11-22T14:30:00.000Z', text: '22 Nov 2026, 14:30 UTC' };

  it('writes counts the Spanish way in a thread of the list', async () => {
    const html = await templates.renderPartial('thread-item', {
      locale: 'es', id: 't1', kind: 'announcement', title: 'Bienvenida', excerpt: '', url: '/x', tags: [], pinned: true, locked: true,
      replyCount: 12_345, voteCount: 1, lastActivityAt: when, author: { name: 'Rosa Díaz', isYou: true }, unread: true,
    });
    expectToContainAll(html, [
      '12.345 respuestas', '1 voto', 'Anuncio', 'Fijado', 'Rosa Díaz</span> (tú)',
      'última actividad <time datetime="2026-11-22T14:30:00.000Z">22 nov 2026, 14:30 UTC</time>',
    ]);
    expectNoEnglishLeft(html);
  });

  it('writes grade points with a decimal comma and weeks with Spanish dates', async () => {
    const html = await page('grades-mine', {
      locale: 'es', course: { id: 'c1', title: 'Biología' },
      view: {
        enabled: true, isStaff: false, upToDate: false,
        rubric: { lines: [{ whatKey: 'grades.rubricReply', points: 0.25 }, { whatKey: 'grades.rubricThread', points: 1 }], weeklyCap: 4.5, scoreMaximum: 1000, label: 'Participación' },
        score: {
          weeks: [{ weekStart: '2026-03-09', isCurrent: true, threads: 1, replies: 2, endorsedAnswers: 0, hotseatQuestions: 1, earned: 5.25, counted: 4.5, capped: true }],
          total: 4.5, scoreGiven: 4.5, scoreMaximum: 1000, reachedMaximum: false,
        },
        lastSent: { scoreGiven: 2.75, scoreMaximum: 1000, at: when },
      },
    });
    expectToContainAll(html, [
      'Cada respuesta o comentario que escribes: <strong>0,25 puntos</strong>',
      'Cada hilo que abres: <strong>1 punto</strong>',
      'Cada semana suma como máximo <strong>4,5 puntos</strong>',
      '<strong>4,5</strong> de 1000',
      'Semana del 9 mar 2026 (esta semana): <span data-week-counted>4,5 puntos</span>',
      '1 hilo, 2 respuestas, 0 respuestas avaladas, 1 pregunta en un Hotseat: obtuviste 5,25 puntos, <span class="grade-capped">con un tope de 4,5</span>.',
      'Tu libro de calificaciones del LMS tiene 2,75 de 1000, enviado el <time',
    ]);
    expectNoEnglishLeft(html);
  });

  it('shows the launch and registration pages in Spanish', async () => {
    const blocked = await page('lti-cookies-blocked', { locale: 'es', title: 'Abre Agora en una ventana nueva', message: '', newWindowUrl: '/launch/new-window/x', code: 'LTI_COOKIE_BLOCKED' });
    expect(blocked).toContain('Abrir Agora en una ventana nueva');
    expect(blocked).toContain('Error 401');
    const storage = await page('lti-storage-launch', { locale: 'es', storage: {}, newWindowUrl: '/x' });
    expect(storage).toContain('Comprobando este acceso con tu LMS.');
    const register = await page('lti-register', { locale: 'es', platform: { name: 'Moodle', issuer: 'https://lms.example' }, alreadyRegistered: true, form: {} });
    expect(register).toContain('Registrar Agora en Moodle');
    const registered = await page('lti-registered', { locale: 'es', platform: { name: 'Moodle', issuer: 'https://lms.example', clientId: 'abc' }, deploymentId: null, addDeployment: 'npm run platform -- add' });
    expect(registered).toContain('Moodle (https://lms.example) ya puede abrir Agora. Client id: <code>abc</code>.');
    for (const html of [blocked, storage, register, registered]) expectNoEnglishLeft(html);
  });
});
