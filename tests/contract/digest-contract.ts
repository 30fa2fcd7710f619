/**
 * The email digests' part of the storage contract: each person's choice, the scan of unread
 * notifications, the claim that makes an item go out at most once, and the back-off after a failed
 * send. Called from storage-contract.ts inside each adapter's suite; no adapter-name branches here.
 */
import { newId } from '../../src/domain/ids';
import type { Notification } from '../../src/domain/notifications';
import type { Person } from '../../src/domain/person';
import type { Storage } from '../../src/storage/ports';
import { careFixtures } from './care-fixtures';

export function describeDigestContract(current: () => Storage, t0: Date): void {
  const { at, s, aCourse, aMember } = careFixtures(current, t0);

  async function aNotification(person: Person, courseId: string, overrides: Partial<Notification> = {}): Promise<Notification> {
    const n: Notification = {
      id: newId(), personId: person.id, courseId, kind: 'reply', threadId: 'thread-1', replyId: null, actorId: 'someone',
      createdAt: t0, readAt: null, ...overrides,
    };
    await s().notifications.create(n);
    return n;
  }

  describe('digest preferences', () => {
    it('holds nothing until a person chooses, then their latest choice', async () => {
      const course = await aCourse();
      const [ada, bo] = [await aMember(course, 'ada'), await aMember(course, 'bo')];
      expect(await s().digests.findPreference(ada.id)).toBeNull();
      await s().digests.savePreference({ personId: ada.id, frequency: 'daily', updatedAt: at(10) });
      await s().digests.savePreference({ personId: ada.id, frequency: 'instant', updatedAt: at(20) });
      await s().digests.savePreference({ personId: bo.id, frequency: 'none', updatedAt: at(30) });
      expect(await s().digests.findPreference(ada.id)).toEqual({ personId: ada.id, frequency: 'instant', updatedAt: at(20) });
      const both = await s().digests.findPreferences([ada.id, bo.id, ada.id, 'nobody']);
      expect(both.map((p) => `${p.personId}:${p.frequency}`).sort()).toEqual([`${ada.id}:instant`, `${bo.id}:none`].sort());
      expect(await s().digests.findPreferences([])).toEqual([]);
    });
  });

  describe('unread notifications for digests', () => {
    it('lists unread notifications of every course in the window, oldest first, page by page', async () => {
      const [biology, chemistry] = [await aCourse('ctx-bio'), await aCourse('ctx-chem')];
      const [ada, bo] = [await aMember(biology, 'ada'), await aMember(chemistry, 'bo')];
      const second = await aNotification(bo, chemistry.id, { createdAt: at(20) });
      const first = await aNotification(ada, biology.id, { createdAt: at(10), replyId: 'r1' });
      const third = await aNotification(ada, biology.id, { createdAt: at(20) });
      await aNotification(ada, biology.id, { createdAt: at(15), readAt: at(16) });
      await aNotification(ada, biology.id, { createdAt: at(5) });
      await aNotification(ada, biology.id, { createdAt: at(100) });

      const window = { from: at(10), to: at(100) };
      const all = await s().digests.listUnclaimedNotifications({ ...window, limit: 10 });
      const sameTime = [second, third].sort((a, b) => (a.id < b.id ? -1 : 1));
      expect(all.map((n) => n.id)).toEqual([first.id, ...sameTime.map((n) => n.id)]);
      expect(all[0]).toEqual(first);

      const page1 = await s().digests.listUnclaimedNotifications({ ...window, limit: 2 });
      const last = page1[1]!;
      const page2 = await s().digests.listUnclaimedNotifications({ ...window, limit: 2, after: { createdAt: last.createdAt, id: last.id } });
      expect([...page1, ...page2].map((n) => n.id)).toEqual(all.map((n) => n.id));
      expect(await s().digests.listUnclaimedNotifications({ ...window, limit: 0 })).toEqual([]);
    });

    it('leaves out notifications already claimed for their person, sent or not', async () => {
      const course = await aCourse();
      const [ada, bo] = [await aMember(course, 'ada'), await aMember(course, 'bo')];
      const claimed = await aNotification(ada, course.id, { createdAt: at(1) });
      const sent = await aNotification(ada, course.id, { createdAt: at(2) });
      const open = await aNotification(ada, course.id, { createdAt: at(3) });
      const bos = await aNotification(bo, course.id, { createdAt: at(4) });
      await s().digests.claim({ personId: ada.id, claimId: 'c1', itemKeys: [`notification:${claimed.id}`], at: at(5) });
      await s().digests.claim({ personId: ada.id, claimId: 'c2', itemKeys: [`notification:${sent.id}`], at: at(5) });
      await s().digests.markSent(ada.id, 'c2', at(6));
      // A claim for someone else under Bo's key does not hide Bo's notification.
      await s().digests.claim({ personId: ada.id, claimId: 'c3', itemKeys: [`notification:${bos.id}`], at: at(5) });
      const listed = await s().digests.listUnclaimedNotifications({ from: at(0), to: at(10), limit: 1 });
      expect(listed.map((n) => n.id)).toEqual([open.id]);
      const rest = await s().digests.listUnclaimedNotifications({ from: at(0), to: at(10), limit: 10 });
      expect(rest.map((n) => n.id)).toEqual([open.id, bos.id]);
    });
  });

  describe('digest claims', () => {
    it('claims each item once per person, and says which keys a claim got', async () => {
      const course = await aCourse();
      const [ada, bo] = [await aMember(course, 'ada'), await aMember(course, 'bo')];
      expect(await s().digests.claim({ personId: ada.id, claimId: 'c1', itemKeys: ['a', 'b', 'a'], at: at(1) })).toEqual(['a', 'b']);
      expect(await s().digests.claim({ personId: ada.id, claimId: 'c2', itemKeys: ['b', 'c'], at: at(2) })).toEqual(['c']);
      expect(await s().digests.claim({ personId: ada.id, claimId: 'c3', itemKeys: ['a'], at: at(3) })).toEqual([]);
      expect(await s().digests.claim({ personId: bo.id, claimId: 'c4', itemKeys: ['a'], at: at(4) })).toEqual(['a']);
      expect(await s().digests.claim({ personId: bo.id, claimId: 'c5', itemKeys: [], at: at(4) })).toEqual([]);
      expect(await s().digests.claimedFor('a', [ada.id, bo.id, 'nobody'])).toEqual(new Set([ada.id, bo.id]));
      expect(await s().digests.claimedFor('c', [bo.id])).toEqual(new Set());
      expect(await s().digests.claimedFor('a', [])).toEqual(new Set());
    });

    it('gives each item to exactly one of two claims racing for it', async () => {
      const course = await aCourse();
      const ada = await aMember(course, 'ada');
      const keys = ['k1', 'k2', 'k3', 'k4'];
      const [one, two] = await Promise.all([
        s().digests.claim({ personId: ada.id, claimId: 'run-1', itemKeys: keys, at: at(1) }),
        s().digests.claim({ personId: ada.id, claimId: 'run-2', itemKeys: [...keys].reverse(), at: at(1) }),
      ]);
      expect([...one, ...two].sort()).toEqual(keys);
    });

    it('marks a claim sent, and releases only unsent items of the claim it names', async () => {
      const course = await aCourse();
      const ada = await aMember(course, 'ada');
      await s().digests.claim({ personId: ada.id, claimId: 'sent', itemKeys: ['a'], at: at(1) });
      await s().digests.claim({ personId: ada.id, claimId: 'failed', itemKeys: ['b', 'c'], at: at(2) });
      expect(await s().digests.markSent(ada.id, 'sent', at(3))).toBe(1);
      expect(await s().digests.markSent(ada.id, 'sent', at(4))).toBe(0);
      expect(await s().digests.release(ada.id, 'sent')).toBe(0);
      expect(await s().digests.release(ada.id, 'failed')).toBe(2);
      expect(await s().digests.claim({ personId: ada.id, claimId: 'retry', itemKeys: ['a', 'b', 'c'], at: at(5) })).toEqual(['b', 'c']);
      const { deliveries } = await s().digests.collect(ada.id);
      expect(deliveries).toEqual([
        { personId: ada.id, itemKey: 'a', claimId: 'sent', claimedAt: at(1), sentAt: at(3) },
        { personId: ada.id, itemKey: 'b', claimId: 'retry', claimedAt: at(5), sentAt: null },
        { personId: ada.id, itemKey: 'c', claimId: 'retry', claimedAt: at(5), sentAt: null },
      ]);
    });

    it('purges sent-log rows claimed before a time', async () => {
      const course = await aCourse();
      const ada = await aMember(course, 'ada');
      await s().digests.claim({ personId: ada.id, claimId: 'old', itemKeys: ['a', 'b'], at: at(1) });
      await s().digests.claim({ personId: ada.id, claimId: 'new', itemKeys: ['c'], at: at(100) });
      expect(await s().digests.purgeDeliveriesBefore(at(50))).toBe(2);
      expect((await s().digests.collect(ada.id)).deliveries.map((d) => d.itemKey)).toEqual(['c']);
    });
  });

  describe('digest retries and personal data', () => {
    it('keeps one back-off per person until cleared', async () => {
      const course = await aCourse();
      const ada = await aMember(course, 'ada');
      expect(await s().digests.findRetry(ada.id)).toBeNull();
      const retry = { personId: ada.id, attempts: 1, retryAfter: at(300), lastError: 'connection refused', failedAt: at(0) };
      await s().digests.saveRetry(retry);
      await s().digests.saveRetry({ ...retry, attempts: 2, retryAfter: at(900), failedAt: at(300) });
      expect(await s().digests.findRetry(ada.id)).toEqual({ ...retry, attempts: 2, retryAfter: at(900), failedAt: at(300) });
      await s().digests.clearRetry(ada.id);
      expect(await s().digests.findRetry(ada.id)).toBeNull();
    });

    it('collects and erases everything about one person, and nobody else', async () => {
      const course = await aCourse();
      const [ada, bo] = [await aMember(course, 'ada'), await aMember(course, 'bo')];
      for (const person of [ada, bo]) {
        await s().digests.savePreference({ personId: person.id, frequency: 'daily', updatedAt: at(1) });
        await s().digests.claim({ personId: person.id, claimId: `c-${person.id}`, itemKeys: ['a', 'b'], at: at(2) });
        await s().digests.saveRetry({ personId: person.id, attempts: 1, retryAfter: at(3), lastError: 'x', failedAt: at(2) });
      }
      const collected = await s().digests.collect(ada.id);
      expect(collected.preference).toEqual({ personId: ada.id, frequency: 'daily', updatedAt: at(1) });
      expect(collected.deliveries).toHaveLength(2);
      expect(collected.retry?.attempts).toBe(1);
      expect(await s().digests.erase(ada.id)).toBe(4);
      expect(await s().digests.collect(ada.id)).toEqual({ preference: null, deliveries: [], retry: null });
      expect((await s().digests.collect(bo.id)).deliveries).toHaveLength(2);
      expect(await s().digests.erase(ada.id)).toBe(0);
    });
  });
}
