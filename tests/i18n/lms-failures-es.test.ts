import { startGradesFixture, ADA, GRACE, pushNow, saveRubric, type GradesFixture, type Person } from '../grades/support';
import type { Browser } from '../support/launch';
import { postThread } from '../support/room';
import { LTI, ROLE } from '../support/test-platform';
import { SPANISH_LAUNCH_LOCALE } from './support';

/**
 * LMS failures are stored as catalog messages and said in the reader's language: a failed grade
 * push and a failed roster sync, seen by a Spanish instructor and an English one, on the pages and
 * in the JSON API (the same field, as a sentence).
 */
const TOMAS: Person = { sub: 'tomas', name: 'Tomás Ruiz', roles: [ROLE.instructor] };
const CONTEXT = 'course-1';

describe('LMS failures in the reader\'s language', () => {
  let f: GradesFixture;
  let courseId: string;
  let grace: Browser;
  let tomas: Browser;
  let ada: Browser;

  /** A launch offering grades and the roster, in Spanish when asked. */
  const launch = (person: Person, locale?: string) => f.launch(person, {
    extra: {
      ...f.platform.grades.claim(CONTEXT),
      ...f.platform.services.namesRolesClaim(CONTEXT),
      ...(locale ? { [LTI.launchPresentation]: { locale } } : {}),
    },
  });
  const page = async (browser: Browser, path: string) => {
    const response = await browser.get(path);
    expect(response.status).toBe(200);
    return response.text.replace(/&#x3D;/g, '=');
  };

  beforeAll(async () => {
    f = await startGradesFixture();
    f.platform.services.setRoster(CONTEXT, [GRACE, TOMAS, ADA].map((p) => ({ user_id: p.sub, name: p.name, roles: p.roles })));
    ({ browser: grace, courseId } = await launch(GRACE));
    ({ browser: tomas } = await launch(TOMAS, SPANISH_LAUNCH_LOCALE));
    ({ browser: ada } = await launch(ADA));
    await saveRubric(grace, courseId);
    expect(await pushNow(grace, courseId)).toMatchObject({ status: 'pushed', sent: 1 });
  });
  afterAll(() => f.close());

  it('says a failed grade push in Spanish to a Spanish instructor and in English to an English one', async () => {
    f.platform.grades.scoreFailure = 500;
    try {
      await postThread(ada, courseId);
      expect(await f.agora.lti.grades.pushDue()).toBe(1);
      const staffPage = `/c/${courseId}/participation/staff`;

      const spanish = await page(tomas, staffPage);
      expect(spanish).toMatch(/El último envío \(<time[^>]*>[^<]*<\/time>\) falló: El servicio de calificaciones del LMS en http:\/\/127\.0\.0\.1:\d+\/ags\/course-1\/lineitems\/1\/lineitem\/scores\?type_id=1 no respondió como se esperaba \(respondió 500\)\. Antes de eso se enviaron 0 de 1 puntuaciones modificadas; el resto se enviará en el próximo intento\./);
      expect(spanish).not.toContain('did not answer as expected');
      expect(spanish).not.toContain('changed scores were sent');

      const english = await page(grace, staffPage);
      expect(english).toMatch(/The last push \(<time[^>]*>[^<]*<\/time>\) failed: The LMS grade service at http:\/\/127\.0\.0\.1:\d+\/\S+ did not answer as expected \(it answered 500\)\. 0 of 1 changed scores were sent before that; the rest follow at the next attempt\./);
      expect(english).not.toContain('no respondió como se esperaba');

      // The JSON API gives the same field as a sentence, in the request's language.
      const json = async (browser: Browser) => (await browser.get(`/api/courses/${courseId}/participation`)).body.data.status.lastError as string;
      expect(await json(tomas)).toMatch(/^El servicio de calificaciones del LMS en \S+ no respondió como se esperaba \(respondió 500\)\./);
      expect(await json(grace)).toMatch(/^The LMS grade service at \S+ did not answer as expected \(it answered 500\)\./);

      // "Push now" answers with the failure as a sentence too.
      expect(await pushNow(tomas, courseId)).toMatchObject({ status: 'failed', error: expect.stringMatching(/^El servicio de calificaciones del LMS en \S+ no respondió como se esperaba \(respondió 500\)\. Antes de eso se enviaron 0 de 1/) });
      expect(await pushNow(grace, courseId)).toMatchObject({ status: 'failed', error: expect.stringMatching(/^The LMS grade service at \S+ did not answer as expected \(it answered 500\)\. 0 of 1 changed scores/) });
    } finally {
      f.platform.grades.scoreFailure = null;
    }
  });

  it('says a failed roster sync in Spanish to a Spanish instructor and in English to an English one', async () => {
    f.platform.services.rosterFailure = 503;
    try {
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await page(tomas, `/c/${courseId}/roster`))![1]!;
      expect((await tomas.post(`/c/${courseId}/roster/sync`).type('form').send({ _csrf: csrf })).status).toBe(303);

      const spanish = await page(tomas, `/c/${courseId}/roster`);
      expect(spanish).toMatch(/El último intento \(<time[^>]*>[^<]*<\/time>\) falló: El servicio de participantes del LMS en http:\/\/127\.0\.0\.1:\d+\/nrps\/course-1\/memberships no respondió como se esperaba \(respondió 503\)\./);
      expect(spanish).not.toContain('did not answer as expected');

      const english = await page(grace, `/c/${courseId}/roster`);
      expect(english).toMatch(/The last attempt \(<time[^>]*>[^<]*<\/time>\) failed: The LMS roster service at http:\/\/127\.0\.0\.1:\d+\/nrps\/course-1\/memberships did not answer as expected \(it answered 503\)\./);
    } finally {
      f.platform.services.rosterFailure = null;
    }
  });
});

describe('the score comment the LMS shows each learner', () => {
  let f: GradesFixture;
  afterAll(() => f.close());

  it('is written in the learner\'s own language', async () => {
    f = await startGradesFixture();
    const LUCIA: Person = { sub: 'lucia', name: 'Lucía Pérez', roles: [ROLE.learner] };
    const launch = (person: Person, locale?: string) => f.launch(person, {
      extra: { ...f.platform.grades.claim(CONTEXT), ...(locale ? { [LTI.launchPresentation]: { locale } } : {}) },
    });
    const { browser: grace, courseId } = await launch(GRACE);
    const { browser: lucia } = await launch(LUCIA, SPANISH_LAUNCH_LOCALE);
    const { browser: ada } = await launch(ADA);
    await saveRubric(grace, courseId);
    await postThread(lucia, courseId);
    await postThread(ada, courseId);
    expect(await pushNow(grace, courseId)).toMatchObject({ status: 'pushed', sent: 2 });
    const sent = f.platform.grades.latestScores(f.platform.grades.listLineItems(CONTEXT)[0]!.id);
    expect(sent.get('lucia')!.comment).toMatch(/^Participación en Agora: \d+ puntos en 1 semana, como máximo \d+ por semana\. Abre Agora y elige «Cómo se calcula mi nota de participación»/);
    expect(sent.get('ada')!.comment).toMatch(/^Participation in Agora: \d+ points over 1 week, at most \d+ a week\. Open Agora and choose "How my participation grade is computed"/);
  });
});
