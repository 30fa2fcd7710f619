/**
 * A community champion keeps Pin and Lock on a thread page that updates live. Live fragments are
 * rendered once per audience (staff, learners, the author), so the champion receives the learners'
 * thread head, without those buttons; the page notices it offers fewer moderation forms than it had
 * and fetches its own thread head (public/js/agora.js). Bo is the champion; Grace pins the thread.
 *
 * Runs as its own Node process (see ../champion-live.test.ts): playwright does not work inside
 * jest 29's module sandbox. Exits non-zero, naming the failed step, when anything is wrong.
 */
import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { newId } from '../../../src/domain/ids';
import { startLmsBrowser } from '../../support/lms-browser';
import { runScenario, step } from '../../support/scenario';
import { ROLE } from '../../support/test-platform';

async function main(): Promise<void> {
  const { agora, openCourseAs, close } = await startLmsBrowser({
    users: [
      { sub: 'bo', name: 'Bo Diddley', roles: [ROLE.learner], contextTitle: 'Biology 101' },
      { sub: 'grace', name: 'Grace Hopper', roles: [ROLE.instructor], contextTitle: 'Biology 101' },
    ],
  });
  try {
    const grace = await step('Grace (instructor) launches Agora', () => openCourseAs('grace'));
    const bo = await step('Bo (learner) launches Agora', () => openCourseAs('bo'));
    const courseId = /\/c\/([^/?#]+)/.exec(bo.frame.url())![1]!;
    const threadPath = await step('Bo is a champion, and Grace has started a thread', async () => {
      const members = await agora.storage.memberships.listByCourse(courseId);
      const people = await agora.storage.people.findByIds(members.map((m) => m.personId));
      const id = (name: string) => people.find((p) => p.name === name)!.id;
      await agora.storage.champions.add({ courseId, personId: id('Bo Diddley'), grantedBy: id('Grace Hopper'), grantedAt: new Date() });
      const now = new Date();
      const threadId = newId(now.getTime());
      await agora.storage.threads.create({
        id: threadId, courseId, authorId: id('Grace Hopper'), kind: 'discussion', anonymity: 'named', title: 'Field trip', bodySource: 'Bring boots',
        bodyHtml: '<p>Bring boots</p>', tagIds: [], replyCount: 0, answerCount: 0, voteCount: 0, pinned: false, locked: false, hidden: false,
        acceptedReplyId: null, endorsedAnswerCount: 0, createdAt: now, editedAt: null, deletedAt: null, lastActivityAt: now,
      });
      return `/c/${courseId}/discussion/threads/${threadId}`;
    });
    const moderation = (frame: Frame) => frame.locator('#thread-head form[action$="/moderate"]');
    await step('both open the thread; Bo, a champion, is offered Pin and Lock', async () => {
      for (const who of [grace, bo]) {
        await who.frame.goto(`${agora.url}${threadPath}`);
        await who.frame.locator('[data-connection][data-state="live"]').waitFor({ timeout: 10_000 });
      }
      assert.equal(await moderation(bo.frame).count(), 2);
    });
    await step('Grace pins the thread', async () => {
      await moderation(grace.frame).first().getByRole('button').click();
      await grace.frame.locator('#thread-head .badge-pinned').waitFor({ timeout: 10_000 });
    });
    await step('Bo sees it pinned live, and still has his Pin and Lock forms', async () => {
      await bo.frame.locator('#thread-head .badge-pinned').waitFor({ timeout: 10_000 });
      // Give the page the moment its own fetch takes, then check the buttons are there.
      await bo.frame.waitForFunction(() => document.querySelectorAll('#thread-head form[action$="/moderate"]').length === 2, undefined, { timeout: 10_000 });
      assert.equal(await moderation(bo.frame).count(), 2);
      assert.equal(await bo.frame.locator('#thread-head input[name="pinned"]').getAttribute('value'), 'false');
    });
  } finally {
    await close();
  }
}

runScenario(main);
