import fs from 'node:fs';
import { createTemplates } from '../../src/rendering/templates';
import { VIEWS_DIR } from '../../src/paths';
import { presentCohortTrends } from '../../src/presenters/insights';
import { launchIntoCourse, type Browser } from '../support/launch';
import { act } from '../support/room';
import { ROLE, type Claims } from '../support/test-platform';
import {
  ADA, createCommunity, CUSTOM, GRACE, outboxFiles, post, SPRING, startAlumniFixture, type AlumniFixture, type Person,
} from '../alumni/support';
import { expectToContainAll, SPANISH_DATE_TIME, SPANISH_LAUNCH_LOCALE } from './support';

/**
 * The locale switch on the hotseat, alumni and community-care pages: people whose launch asks for
 * Spanish read them in Spanish, with Spanish dates and numbers, while an English launch on the
 * same course keeps English. Everything goes through real launches; only the number formatting of
 * large counts is checked on a rendered partial, since no test course has thousands of questions.
 */
const ENGLISH_DATE_TIME = /\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec) \d{4}, \d{2}:\d{2} UTC/;

const ROSA: Person = { sub: 'rosa', name: 'Rosa Díaz', email: 'rosa@uni.example' };
const TOMAS: Person = { sub: 'tomas', name: 'Tomás Ruiz', staff: true, email: 'tomas@uni.example' };

describe('hotseat, alumni and care pages for a Spanish launch', () => {
  let f: AlumniFixture;
  let grace: Browser;
  let ada: Browser;
  let rosa: Browser;
  let tomas: Browser;
  /** A Spanish learner who erases their data at the end. */
  let julia: Browser;
  let courseId: string;
  let hotseatId: string;
  let communityId: string;

  /** A launch whose LMS asks for Mexican Spanish. */
  const launchInSpanish = (browser: Browser, who: Person) => {
    const extra: Claims = { [CUSTOM]: SPRING.custom ?? {} };
    if (who.email) extra.email = who.email;
    return launchIntoCourse(browser, f.platform, f.agora.url, f.platform.claims({
      sub: who.sub, name: who.name, roles: [who.staff ? ROLE.instructor : ROLE.learner], contextId: SPRING.contextId, contextTitle: SPRING.title,
      locale: SPANISH_LAUNCH_LOCALE, extra,
    }));
  };
  const inMinutes = (minutes: number) => new Date(f.now().getTime() + minutes * 60_000).toISOString();

  beforeAll(async () => {
    f = await startAlumniFixture();
    [grace, ada, rosa, tomas, julia] = [f.browser(), f.browser(), f.browser(), f.browser(), f.browser()];
    courseId = await f.launch(grace, GRACE, SPRING);
    await f.launch(ada, ADA, SPRING);
    await launchInSpanish(rosa, ROSA);
    await launchInSpanish(tomas, TOMAS);
    // Launched now: the test LMS signs with the real time, and later tests move Agora's clock on.
    await launchInSpanish(julia, { sub: 'julia', name: 'Julia Ríos' });
    const scheduled = await act(grace, courseId, `/c/${courseId}/hotseats`, {
      title: 'Ask the author', description: 'Chapter 3', opensAt: inMinutes(10), startsAt: inMinutes(60), endsAt: inMinutes(120), publish: true,
    });
    expect(scheduled.status).toBe(201);
    hotseatId = scheduled.body.data.id as string;
  });
  afterAll(() => f.close());

  const hotseatPage = (browser: Browser) => browser.get(`/c/${courseId}/hotseats/${hotseatId}`);

  it('lists hotseats in Spanish, with Spanish dates, and in English for an English launch', async () => {
    const list = await rosa.get(`/c/${courseId}/hotseats`);
    expect(list.status).toBe(200);
    expectToContainAll(list.text, ['<title>Hotseat · Biology 101', 'Preguntas y respuestas en directo', '<h3 id="upcoming-heading">Próximos</h3>', 'Programado', '0 preguntas']);
    expect(list.text).toMatch(SPANISH_DATE_TIME);
    expect(list.text).not.toContain('Upcoming');

    const english = await ada.get(`/c/${courseId}/hotseats`);
    expect(english.text).toContain('<h3 id="upcoming-heading">Upcoming</h3>');
    expect(english.text).toContain('0 questions');
    expect(english.text).toMatch(ENGLISH_DATE_TIME);
  });

  it('shows the hotseat page, its times inside whole sentences, in Spanish', async () => {
    const page = await hotseatPage(rosa);
    expect(page.text).toMatch(/Las preguntas se abren el <time datetime="[^"]+">\d{1,2} [a-z]{3,4} \d{4}, \d{2}:\d{2} UTC<\/time>\. Vuelve entonces para preguntar y votar\./);
    expect(page.text).toContain('Preguntas desde el <time');
    expect(page.text).toContain('← Todos los Hotseats');

    const staffPage = await hotseatPage(tomas);
    expectToContainAll(staffPage.text, ['<h3 id="manage-heading">Dirigir este Hotseat</h3>', '>Alargar 15 minutos</button>', '>Invitar a un anfitrión externo</button>']);
  });

  it('runs the host console and the archive in Spanish', async () => {
    f.clock.offsetMs += 15 * 60_000;
    const asked = await act(rosa, courseId, `/c/${courseId}/hotseats/${hotseatId}/questions`, { body: '¿Cuál es la idea principal?' });
    expect(asked.status).toBe(201);
    const open = await hotseatPage(rosa);
    expectToContainAll(open.text, ['<h3 id="ask-heading">Haz una pregunta</h3>', '<h3 id="mine-heading">Mis preguntas</h3>', ' votos; vota por esta pregunta</span>']);
    const console = await hotseatPage(tomas);
    expect(console.text).toContain('aria-label="Acciones del anfitrión"');
    expect(console.text).toContain('>Responder ahora</button>');

    expect((await act(grace, courseId, `/c/${courseId}/hotseats/${hotseatId}/schedule`, { action: 'close' })).status).toBe(200);
    const archive = await hotseatPage(rosa);
    expect(archive.text).toContain('<h3 id="summary-heading">Resumen</h3>');
    expect(archive.text).toContain('<dt>Preguntas</dt><dd>1</dd>');
    expect(archive.text).toMatch(/Celebrado del <time datetime="[^"]+">[^<]+<\/time> al <time/);
    expect(archive.text).toContain('Cerrado');
    const staffArchive = await hotseatPage(tomas);
    expect(staffArchive.text).toContain('Convertir 1 pregunta sin respuesta en hilo de debate');
  });

  it('shows the alumni pages in Spanish, and sends the sign-in email in the alumnus\'s language', async () => {
    const coursePage = await tomas.get(`/c/${courseId}/alumni`);
    expect(coursePage.text).toContain('<title>Egresados · Biology 101');
    expect(coursePage.text).toContain('Crear una comunidad');
    expect(coursePage.text).toContain('value="Egresados de Biology 101"');

    communityId = await createCommunity(grace, courseId);
    expect((await post(grace, `/c/${courseId}/alumni/graduate`, {}, `/c/${courseId}/alumni`)).status).toBe(200);
    const graduated = await tomas.get(`/c/${courseId}/alumni`);
    expect(graduated.text).toMatch(/Esta cohorte se graduó el <time datetime="[^"]+">[^<]+<\/time>: sus estudiantes son egresados de la comunidad \(\d+ egresados\)\./);

    const space = await rosa.get(`/alumni/${communityId}`);
    expect(space.status).toBe(200);
    expect(space.text).toContain('Estás aquí como <strong>egresado</strong>.');
    expect(space.text).toContain('<h3 id="cohorts-heading">Cohortes</h3>');
    expect(space.text).toMatch(/Graduada el <time datetime="[^"]+">\d{1,2} [a-z]{3,4} \d{4}, \d{2}:\d{2} UTC<\/time>/);
    expect((await ada.get(`/alumni/${communityId}`)).text).toContain('You are here as <strong>Alumnus</strong>.');

    expect((await post(rosa, `/alumni/${communityId}/email-sign-in`, { enabled: true }, `/alumni/${communityId}`)).status).toBe(200);
    // The request comes from a browser with no session and no language: the email follows Rosa's launch.
    const asked = await f.browser().post('/alumni/sign-in').type('form').send({ email: ROSA.email });
    expect(asked.text).toContain('If that address belongs to an alumnus');
    const files = await outboxFiles(f.dataDir);
    expect(files).toHaveLength(1);
    const raw = fs.readFileSync(files[0]!, 'utf8');
    const text = Buffer.from(raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
    expect(text).toContain('Abre este enlace para iniciar sesión en tus comunidades de egresados de Agora:');
    expect(text).not.toContain('Open this link');
  });

  it('shows the care pages in Spanish to Spanish staff: insights with Spanish week labels, champions, settings', async () => {
    const insights = await tomas.get(`/c/${courseId}/care/insights`);
    expect(insights.status).toBe(200);
    expect(insights.text).toContain('<title>Indicadores del curso · Biology 101');
    expect(insights.text).toContain('<caption>Participación por semana, en cifras</caption>');
    expect(insights.text).toMatch(/<th scope="row">\d{1,2} (ene|feb|mar|abr|may|jun|jul|ago|sept?|oct|nov|dic) \(esta semana\)<\/th>/);
    expect(insights.text).toContain('<title id="chart-replies-title">Respuestas por semana</title>');
    expect(insights.text).toMatch(/<desc id="chart-threads-desc">Ningún hilo en estas 12 semanas\./);
    expect(insights.text).toMatch(/<p data-learner-counts>Activos: <strong>\d+<\/strong>; en silencio: <strong>\d+<\/strong>, de \d+ estudiantes?; \d+ nunca (ha|han) publicado ni votado\.<\/p>/);
    expect(insights.text).toContain('Pulso de la comunidad');
    expect(insights.text).not.toContain('Community pulse');
    // The JSON figures follow the reader's language too (a Spanish session, asking for JSON).
    const figures = await tomas.get(`/c/${courseId}/care/insights`).set('Accept', 'application/json');
    expect(figures.body.data.hotseats[0]).toMatchObject({ title: 'Ask the author', phaseKey: 'hotseat.phaseClosed' });

    const champions = await tomas.get(`/c/${courseId}/care/champions`);
    expect(champions.text).toContain('<h2>Referentes de la comunidad</h2>');
    expect(champions.text).toContain('>Nombrar referente</button>');
    const settings = await tomas.get(`/c/${courseId}/care/settings`);
    expect(settings.text).toContain('Todavía ningún registro de actividad es lo bastante antiguo para borrarlo.');
    const expertise = await rosa.get(`/c/${courseId}/expertise`);
    expect(expertise.text).toContain('<h2>Quién sabe qué</h2>');
    expect(expertise.text).toContain('Solo cuentan las respuestas firmadas con nombre.');
  });

  it('asks a Spanish reader to confirm an erasure with the Spanish phrase, and accepts it', async () => {
    const gone = julia;
    const myData = await gone.get(`/c/${courseId}/my-data`);
    expect(myData.text).toContain('<h3 id="download-heading">Descarga todo lo que Agora guarda sobre ti</h3>');
    const confirm = await gone.get(`/c/${courseId}/my-data/erase`);
    expect(confirm.text).toContain('Escribe <strong>borrar mis datos</strong> para confirmar');
    const refused = await gone.post(`/c/${courseId}/my-data/erase`).type('form')
      .set('X-CSRF-Token', /data-csrf="([^"]+)"/.exec(confirm.text)![1]!).send({ confirmation: 'borrar' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Para borrar tus datos');
    const erased = await gone.post(`/c/${courseId}/my-data/erase`).type('form')
      .set('X-CSRF-Token', /data-csrf="([^"]+)"/.exec(confirm.text)![1]!).send({ confirmation: 'Borrar mis datos' });
    expect(erased.status).toBe(200);
    expect(erased.text).toContain('<h1>Tus datos se han borrado</h1>');
  });

  it('writes the cohort figures and their charts with Spanish numbers and durations', async () => {
    const view = presentCohortTrends([{
      courseId: 'c1', title: 'Biology 101 · Spring', learners: 12345, participatingLearners: 2345, graduates: 0,
      postsPerWeek: Array.from({ length: 16 }, (_, i) => i * 1000), medianFirstAnswerMs: 5 * 3_600_000 + 10 * 60_000,
    }], 'es');
    const html = await createTemplates(VIEWS_DIR).renderPartial('insights-cohorts', { ...view, locale: 'es' });
    expect(html).toContain('Biology 101 · Spring: participaron 2345 de 12.345 estudiantes; mediana hasta la primera respuesta: 5 horas y 10 minutos');
    expect(html).toContain('<th scope="col">Semana 1</th>');
    expect(html).toContain('<td>15.000</td>');
    expect(html).toContain('<title>S16: 15.000 publicaciones</title>');
    expect(html).toContain('>20.000</text>');
  });

  it('writes large counts the Spanish way in the hotseat list (12.345), the English way for English (12,345)', async () => {
    const templates = createTemplates(VIEWS_DIR);
    const item = {
      url: '/c/x/hotseats/y', title: 'Big one', phase: 'closed', phaseKey: 'hotseat.phaseClosed',
      startsAt: { iso: '2026-11-22T14:30:00.000Z', text: '' }, endsAt: { iso: '2026-11-22T15:30:00.000Z', text: '' }, questionCount: 12345,
    };
    const spanish = await templates.renderPartial('hotseat-list-item', { ...item, locale: 'es' });
    expectToContainAll(spanish, ['12.345 preguntas', 'Cerrado', '22 nov 2026, 14:30 UTC']);
    const english = await templates.renderPartial('hotseat-list-item', { ...item, locale: 'en' });
    expect(english).toContain('12,345 questions');
    expect(english).toContain('22 Nov 2026, 14:30 UTC');
  });
});
