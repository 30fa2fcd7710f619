/**
 * Redis down, then back, seen from a real page: two Agora processes behind one address, a learner's
 * discussion room and hotseat page open in Chromium. While Redis is down,
 * one post and one question are taken by each process; each page receives only its own process's
 * (its socket is on one of them). When Redis is back, each page shows the other process's too,
 * without reconnecting or reloading (src/realtime/catch-up.ts, agora.js, hotseat.js).
 *
 * Runs as its own Node process (see ../redis-catch-up-browser.test.ts): playwright does not work
 * inside jest 29's module sandbox. Exits non-zero, naming the failed step, when anything is wrong.
 */
import assert from 'node:assert/strict';
import type { Browser, Frame, Locator } from 'playwright-core';
import request from 'supertest';
import { launchChromium } from '../../support/chromium';
import { runScenario, step } from '../../support/scenario';
import { ROLE } from '../../support/test-platform';
import { health, post, startClusterWithCourse, type AgoraNode, type Cluster, type Person } from '../support/cluster';

const LIVE_MS = 5_000;
/** Redis clients reconnect with back-off (up to 5 s), then the hint is gathered for 1 s and the pages wait up to 1 s. */
const CATCH_UP_MS = 20_000;

async function main(): Promise<void> {
  let cluster: Cluster | undefined;
  let browser: Browser | undefined;
  try {
    const started = await step('two Agora processes, Redis and the test LMS start', () => startClusterWithCourse(2));
    cluster = started.cluster;
    const { courseId, posters } = started;
    const [teacher, asker] = posters as [Person, Person];
    const [a, b] = cluster.nodes as [AgoraNode, AgoraNode];
    const platform = cluster.platform;
    platform.setUser('vera', platform.claims({ sub: 'vera', name: 'Vera Viewer', roles: [ROLE.learner] }));

    const hotseatPath = await step('the teacher opens a hotseat that is live now', async () => {
      const now = Date.now();
      const response = await request(a.url).post(`/c/${courseId}/hotseats`)
        .set('Cookie', teacher.cookie).set('X-CSRF-Token', teacher.csrf).set('Accept', 'application/json')
        .send({ title: 'Outage hotseat', publish: true, opensAt: new Date(now - 120_000).toISOString(), startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString() });
      assert.equal(response.status, 201, response.text.slice(0, 300));
      return (response.body as { data: { url: string } }).data.url;
    });
    const ask = async (node: AgoraNode, text: string) => {
      const response = await request(node.url).post(`${hotseatPath}/questions`)
        .set('Cookie', asker.cookie).set('X-CSRF-Token', asker.csrf).set('Accept', 'application/json')
        .send({ body: text, acceptPolicy: true });
      assert.equal(response.status, 201, `asking on ${node.name}: ${response.text.slice(0, 300)}`);
    };

    browser = await launchChromium();
    const open = async (path: string): Promise<Frame> => {
      const page = await browser!.newPage({ viewport: { width: 420, height: 900 } });
      page.on('pageerror', (error) => process.stdout.write(`  [script error] ${error.message}\n`));
      // The LMS's launch page at the top (not its course page's iframe): a platform registered
      // through process A is allowed to frame process B's pages only after B's next look at the
      // registry (up to a minute).
      await page.goto(`${platform.url}/launch-frame?user=vera&tool=${encodeURIComponent(cluster!.url)}`);
      await page.getByText('Signed in as').waitFor({ timeout: 15_000 });
      const frame = page.mainFrame();
      assert.ok(frame.url().startsWith(`${cluster!.url}/c/`), `launched onto ${frame.url()}`);
      await frame.goto(`${cluster!.url}${path}`);
      await frame.locator('[data-connection][data-state="live"]').waitFor({ timeout: 10_000 });
      // Gone if the page reloads: the catch-up must happen in place.
      await frame.evaluate('window.notReloaded = true');
      return frame;
    };
    const room = await step('Vera opens the discussion room, and the hotseat in another tab; both go live', async () => open(`/c/${courseId}/discussion`));
    const hotseat = await open(hotseatPath);
    const thread = (title: string): Locator => room.locator('[data-thread-list] .thread-item').filter({ hasText: title });
    const question = (text: string): Locator => hotseat.locator('[data-question-list="open"] .post-body').getByText(text);

    await step('healthy: a post and a question on A reach the pages, wherever their sockets are', async () => {
      await post(a.url, courseId, asker, 'Before the outage');
      await ask(a, 'Asked before the outage');
      await thread('Before the outage').waitFor({ timeout: LIVE_MS });
      await question('Asked before the outage').waitFor({ timeout: LIVE_MS });
    });

    await step('Redis goes down; both processes report degraded', async () => {
      await cluster!.redis.stop('SIGKILL');
      for (const node of cluster!.nodes) {
        const deadline = Date.now() + 5000;
        while ((await health(node.url)).body.status !== 'degraded') {
          if (Date.now() > deadline) throw new Error(`${node.name} is not degraded 5 s after Redis went down`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    });

    const during = { A: 'During the outage, on A', B: 'During the outage, on B' };
    const asked = { A: 'Asked on A during the outage', B: 'Asked on B during the outage' };
    await step('down: each process takes a post and a question; each page shows only one of each', async () => {
      await post(a.url, courseId, asker, during.A);
      await post(b.url, courseId, asker, during.B);
      await ask(a, asked.A);
      await ask(b, asked.B);
      await Promise.race([thread(during.A).waitFor({ timeout: LIVE_MS }), thread(during.B).waitFor({ timeout: LIVE_MS })]);
      await Promise.race([question(asked.A).waitFor({ timeout: LIVE_MS }), question(asked.B).waitFor({ timeout: LIVE_MS })]);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      assert.equal(await thread(during.A).count() + await thread(during.B).count(), 1, 'the room shows exactly one of the two outage posts');
      assert.equal(await question(asked.A).count() + await question(asked.B).count(), 1, 'the hotseat shows exactly one of the two outage questions');
    });

    await step('Redis comes back: the room shows both outage posts, and the hotseat both questions, without reloading', async () => {
      await cluster!.redis.resume();
      await thread(during.A).waitFor({ timeout: CATCH_UP_MS });
      await thread(during.B).waitFor({ timeout: CATCH_UP_MS });
      await question(asked.A).waitFor({ timeout: CATCH_UP_MS });
      await question(asked.B).waitFor({ timeout: CATCH_UP_MS });
      for (const frame of [room, hotseat]) {
        assert.equal(await frame.evaluate('window.notReloaded === true'), true, `${frame.url()} was reloaded`);
        assert.equal(await frame.locator('[data-connection]').getAttribute('data-state'), 'live');
        assert.equal(await frame.locator('.banner').count(), 0, 'no banner asks for a reload');
      }
    });
  } finally {
    await browser?.close();
    await cluster?.close();
  }
}

runScenario(main);
