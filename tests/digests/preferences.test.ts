import { ADA, BO, CHEMISTRY, EVE, GRACE, SPRING, type Person } from '../alumni/support';
import { csrfToken, type Browser } from '../support/launch';
import { startDigestFixture, type DigestFixture } from './support';

/** Each person's choice: a form that works without JavaScript, by keyboard and screen reader, in their language. */
describe('choosing email digests', () => {
  let d: DigestFixture;
  let spring: string;
  let ada: Browser;
  let bo: Browser;
  let quiet: Browser;
  let eve: Browser;
  const QUIET: Person = { sub: 'quiet', name: 'Quiet Person', email: null };
  const page = (courseId = spring) => `/c/${courseId}/notifications/email`;
  const preferenceOf = async (name: string) => {
    const people = await d.f.agora.storage.people.findByIds((await d.f.agora.storage.memberships.listByCourse(spring)).map((m) => m.personId));
    return d.f.agora.storage.digests.findPreference(people.find((p) => p.name === name)!.id);
  };

  beforeAll(async () => {
    d = await startDigestFixture();
    [ada, bo, quiet, eve] = [d.f.browser(), d.f.browser(), d.f.browser(), d.f.browser()];
    spring = await d.launch(d.f.browser(), GRACE, SPRING);
    await d.launch(ada, ADA, SPRING);
    await d.launch(bo, { ...BO, locale: 'es' }, SPRING);
    await d.launch(quiet, QUIET, SPRING);
    await d.launch(eve, EVE, CHEMISTRY);
  });
  afterAll(() => d.close());

  it('is linked from the notifications page and the course home', async () => {
    for (const from of [`/c/${spring}/notifications`, `/c/${spring}`]) {
      const response = await ada.get(from);
      expect(response.text).toContain(`href="${page()}"`);
    }
  });

  it('offers the four choices as one labelled radio group, weekly until the person chooses', async () => {
    const response = await ada.get(page());
    expect(response.status).toBe(200);
    expect(response.text).toMatch(/<fieldset[^>]*>\s*<legend>How often should Agora email you\?<\/legend>/);
    const radios = [...response.text.matchAll(/<input type="radio" name="frequency" value="(\w+)"( checked)?>/g)].map((m) => `${m[1]}${m[2] ? '*' : ''}`);
    expect(radios).toEqual(['instant', 'daily', 'weekly*', 'none']);
    expect(response.text).toContain('every morning at 07:00 UTC');
    expect(response.text).toContain('You have not chosen yet, so you get the weekly digest.');
    expect(response.text).toContain('Digests go to ada@uni.example');
    expect(await preferenceOf(ADA.name)).toBeNull();
  });

  it('saves a choice from the form, then says so and shows it chosen', async () => {
    const token = await csrfToken(ada, page());
    const saved = await ada.post(page()).type('form').send({ frequency: 'daily', _csrf: token });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`${page()}?saved=daily`);
    const after = await ada.get(saved.headers.location!);
    expect(after.text).toContain('Saved: Agora will email you a digest every morning.');
    expect(after.text).toContain('value="daily" checked');
    expect(after.text).not.toContain('You have not chosen yet');
    expect(await preferenceOf(ADA.name)).toMatchObject({ frequency: 'daily' });
  });

  it('refuses a value that is not one of the choices, with a sentence beside the form, and keeps the stored choice', async () => {
    const token = await csrfToken(ada, page());
    const refused = await ada.post(page()).type('form').send({ frequency: 'hourly', _csrf: token });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('role="alert" id="digest-error">Choose how often Agora should email you: as it happens, once a day, once a week, or never.');
    expect(refused.text).toContain('aria-describedby="digest-error"');
    expect(refused.text).toContain('value="daily" checked');
    const empty = await ada.post(page()).set('Accept', 'application/json').set('X-CSRF-Token', token).send({});
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('INVALID_FREQUENCY');
    expect(await preferenceOf(ADA.name)).toMatchObject({ frequency: 'daily' });
  });

  it('refuses a change without the session\'s CSRF token', async () => {
    const forged = await ada.post(page()).type('form').send({ frequency: 'none' });
    expect(forged.status).toBe(403);
    expect(await preferenceOf(ADA.name)).toMatchObject({ frequency: 'daily' });
  });

  it('answers scripts with JSON', async () => {
    const token = await csrfToken(ada, page());
    const response = await ada.post(page()).set('Accept', 'application/json').set('X-CSRF-Token', token).send({ frequency: 'instant' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ok: true, data: { frequency: 'instant' } });
  });

  it('says why no digest can come when the LMS shared no email address', async () => {
    const response = await quiet.get(page());
    expect(response.text).toContain('Your LMS has not shared your email address with Agora, so Agora cannot email you.');
    expect(response.text).not.toContain('Digests go to');
  });

  it('speaks the language of the person\'s launch', async () => {
    const response = await bo.get(page());
    expect(response.text).toContain('<legend>¿Con qué frecuencia quieres que Agora te escriba?</legend>');
    expect(response.text).toContain('Una vez a la semana');
  });

  it('is only for members of the course in the address', async () => {
    const response = await eve.get(page()).set('Accept', 'application/json');
    expect(response.status).toBe(403);
  });
});
