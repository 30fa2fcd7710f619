import { Writable } from 'node:stream';
import pino from 'pino';
import { startAgora, type Agora } from '../../src/agora';
import { loadConfig } from '../../src/config';
import { freePort, registerPlatform } from '../support/agora';
import { launchIntoCourse, newBrowser } from '../support/launch';
import { tempDir } from '../support/temp';
import { ROLE, TestPlatform } from '../support/test-platform';

/** When something breaks underneath: the person sees an apology with a reference, the log has the details. */
describe('unexpected failures and health', () => {
  let agora: Agora;
  let platform: TestPlatform;
  const logLines: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    const port = await freePort();
    const config = loadConfig({ PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: `http://127.0.0.1:${port}`, DATA_DIR: tempDir('errors') });
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) logLines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    agora = await startAgora(config, { logger: pino({ level: 'error' }, sink) });
    platform = await TestPlatform.start();
    await registerPlatform(agora, platform);
  });
  afterAll(async () => {
    await platform.close();
    agora.server.closeAllConnections();
    await new Promise((resolve) => agora.server.close(resolve));
  });

  it('answers a storage failure with a 500 page that carries a reference and no internals, and logs the error with that reference', async () => {
    const browser = newBrowser(agora.url);
    const courseId = await launchIntoCourse(browser, platform, agora.url, platform.claims({ sub: 'ada', roles: [ROLE.learner] }));
    await agora.storage.close();

    const page = await browser.get(`/c/${courseId}`);
    expect(page.status).toBe(500);
    const reference = page.headers['x-request-id']!;
    expect(page.text).toContain(`give your administrator this reference: ${reference}`);
    expect(page.text).not.toMatch(/database|sqlite|at \w+ \(|node_modules/i);
    const logged = logLines.find((line) => line.requestId === reference);
    expect(logged).toMatchObject({ level: 50, msg: 'request failed', err: { message: expect.stringMatching(/database connection is not open/i) } });

    const api = await browser.get(`/api/courses/${courseId}/threads`);
    expect(api.status).toBe(500);
    expect(api.body.error.code).toBe('INTERNAL');
  });

  it('reports the store as down on /healthz with 503', async () => {
    const health = await newBrowser(agora.url).get('/healthz');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'down', storage: { ok: false, kind: 'sqlite' } });
  });
});
