/**
 * A person's own data in the storage contract: collecting everything the discussion room holds
 * about them, erasing it, and replacing their rendered name in other people's posts.
 */
import { newId } from '../../src/domain/ids';
import type { Storage } from '../../src/storage/ports';
import { careFixtures } from './care-fixtures';

export function describePersonalDataContract(current: () => Storage, t0: Date): void {
  const { at, DAY, key, s, aCourse, aMember, aThread, aReply } = careFixtures(current, t0);

  describe('personal data', () => {
    async function seed() {
      const course = await aCourse();
      const [grace, ada, bo] = [await aMember(course, 'grace', 'staff'), await aMember(course, 'ada'), await aMember(course, 'bo')];
      const thread = await aThread(course, ada, { title: 'Mine', createdAt: at(10), voteCount: 1, bodyHtml: '<p>Hi <span class="mention">@Person bo</span></p>' });
      const anonymous = await aReply(thread, ada, { anonymity: 'everyone', bodySource: 'secret', createdAt: at(20), endorsedBy: grace.id, endorsedAt: at(30) });
      const bosReply = await aReply(thread, bo, { createdAt: at(40), bodyHtml: '<p>thanks <span class="mention">@Person ada</span></p>' });
      await s().revisions.add({ id: newId(), courseId: course.id, postKind: 'thread', postId: thread.id, title: 'Mine (draft)', bodySource: 'Old', editorId: ada.id, createdAt: at(15) });
      await s().votes.toggle({ courseId: course.id, postKind: 'reply', postId: bosReply.id, personId: ada.id, at: at(50) });
      await s().follows.follow({ personId: ada.id, threadId: thread.id, courseId: course.id, at: at(10) });
      await s().readState.markRead({ personId: ada.id, threadId: thread.id, courseId: course.id, at: at(60) });
      await s().readState.recordVisit(ada.id, course.id, at(70));
      await s().notifications.create({ id: newId(), personId: ada.id, courseId: course.id, kind: 'reply', threadId: thread.id, replyId: bosReply.id, actorId: bo.id, createdAt: at(40), readAt: null });
      await s().reports.create({ id: newId(), courseId: course.id, postKind: 'reply', postId: bosReply.id, threadId: thread.id, reporterId: ada.id, reason: 'rude', createdAt: at(80), resolvedAt: null, resolvedBy: null });
      await s().settings.acceptPolicy({ courseId: course.id, personId: ada.id, version: 2, at: at(5) });
      await s().pseudonyms.getOrAssign(course.id, ada.id, ['Anonymous Heron']);
      await s().sessions.create({ tokenHash: 'hash-ada', personId: ada.id, createdAt: at(0), expiresAt: at(DAY) });
      await s().sessions.create({ tokenHash: 'hash-bo', personId: bo.id, createdAt: at(0), expiresAt: at(DAY) });
      await s().champions.add({ courseId: course.id, personId: ada.id, grantedBy: grace.id, grantedAt: at(90) });
      await s().questionRoutings.add({ courseId: course.id, threadId: thread.id, personId: ada.id, routedBy: grace.id, routedAt: at(95) });
      return { course, grace, ada, bo, thread, anonymous, bosReply };
    }

    it('collects everything the discussion room holds about one person, and nothing about others', async () => {
      const { course, ada, bo, thread, anonymous, bosReply } = await seed();
      const records = await s().personalData.collect(ada.id);
      expect(records.memberships).toEqual([expect.objectContaining({ courseId: course.id, personId: ada.id, role: 'learner' })]);
      expect(records.posts).toEqual([
        { postKind: 'thread', id: thread.id, courseId: course.id, threadId: thread.id, parentId: null, threadKind: 'question', title: 'Mine', bodySource: 'Body', anonymity: 'named', hidden: false, endorsed: false, createdAt: at(10), editedAt: null, deletedAt: null },
        { postKind: 'reply', id: anonymous.id, courseId: course.id, threadId: thread.id, parentId: null, threadKind: null, title: null, bodySource: 'secret', anonymity: 'everyone', hidden: false, endorsed: true, createdAt: at(20), editedAt: null, deletedAt: null },
      ]);
      expect(records.revisions.map((r) => r.title)).toEqual(['Mine (draft)']);
      expect(records.votes).toEqual([{ courseId: course.id, postKind: 'reply', postId: bosReply.id, createdAt: at(50) }]);
      expect(records.follows).toEqual([{ courseId: course.id, threadId: thread.id, createdAt: at(10) }]);
      expect(records.reads).toEqual([{ courseId: course.id, threadId: thread.id, lastReadAt: at(60) }]);
      expect(records.visits).toEqual([{ courseId: course.id, lastVisitAt: at(70) }]);
      expect(records.notifications.map((n) => n.kind)).toEqual(['reply']);
      expect(records.reports.map((r) => r.reason)).toEqual(['rude']);
      expect(records.policyAcceptances).toEqual([{ courseId: course.id, policyVersion: 2, acceptedAt: at(5) }]);
      expect(records.pseudonyms).toEqual([{ courseId: course.id, name: 'Anonymous Heron' }]);
      expect(records.sessions).toEqual([{ createdAt: at(0), expiresAt: at(DAY) }]);
      expect(JSON.stringify(records)).not.toContain('hash-');
      expect((await s().personalData.collect(bo.id)).posts.map((p) => p.id)).toEqual([bosReply.id]);
    });

    it('erases a person: details and identity replaced, their records gone, their posts and vote counts kept', async () => {
      const { course, ada, bo, thread, anonymous } = await seed();
      const counts = await s().personalData.erase(ada.id, { name: 'Former member', subject: 'erased:xyz' });
      expect(counts).toEqual({
        sessions: 1, memberships: 1, notifications: 1, follows: 1, reads: 1, visits: 1, votes: 1, policyAcceptances: 1, champions: 1, routings: 1,
        hotseatVotes: 0, hostBios: 0, alumniProfiles: 0, mentors: 0, gradePushes: 0,
      });
      expect(await s().people.findById(ada.id)).toEqual({ id: ada.id, issuer: key.issuer, subject: 'erased:xyz', name: 'Former member', givenName: null, familyName: null, email: null, locale: null, createdAt: t0 });
      expect(await s().memberships.find(course.id, ada.id)).toBeNull();
      expect(await s().sessions.findActive('hash-ada', at(1))).toBeNull();
      expect(await s().sessions.findActive('hash-bo', at(1))).not.toBeNull();
      expect(await s().champions.isChampion(course.id, ada.id)).toBe(false);
      expect((await s().threads.findById(course.id, thread.id))).toMatchObject({ authorId: ada.id, voteCount: 1 });
      expect(await s().replies.findById(course.id, anonymous.id)).toMatchObject({ authorId: ada.id });
      expect(await s().pseudonyms.findMany(course.id, [ada.id])).toEqual(new Map([[ada.id, 'Anonymous Heron']]));
      // The LMS identity is free again: the next launch makes a new person.
      const again = await s().people.upsertByIdentity({ issuer: key.issuer, subject: 'ada' }, { id: newId(), name: 'Ada', givenName: null, familyName: null, email: null, now: at(100) });
      expect(again.id).not.toBe(ada.id);
      expect((await s().personalData.collect(bo.id)).memberships).toHaveLength(1);
    });

    it('replaces a rendered name in the posts of the given courses, and returns the posts search holds', async () => {
      const { course, thread, bosReply } = await seed();
      const other = await aCourse('ctx-other');
      const elsewhere = await aThread(other, (await s().people.findByIds([thread.authorId]))[0]!, { bodyHtml: '<p><span class="mention">@Person ada</span></p>' });
      const hidden = await aReply(thread, (await s().people.findByIds([thread.authorId]))[0]!, { hidden: true, bodyHtml: '<span class="mention">@Person ada</span>' });
      const from = '<span class="mention">@Person ada</span>';
      const to = '<span class="mention">@Former member</span>';
      const changed = await s().personalData.replaceInRenderedPosts([course.id], from, to);
      expect(changed).toEqual([{ postKind: 'reply', id: bosReply.id, courseId: course.id, threadId: thread.id, title: 'Mine', bodyHtml: `<p>thanks ${to}</p>` }]);
      expect((await s().replies.findById(course.id, bosReply.id))!.bodyHtml).toBe(`<p>thanks ${to}</p>`);
      expect((await s().replies.findById(course.id, hidden.id))!.bodyHtml).toBe(to);
      expect((await s().threads.findById(other.id, elsewhere.id))!.bodyHtml).toContain(from);
      expect(await s().personalData.replaceInRenderedPosts([], from, to)).toEqual([]);
    });

    it('turns @-mentions of exactly one handle into another, in posts and their earlier versions of one course', async () => {
      const { course, ada, bo, thread, bosReply } = await seed();
      const other = await aCourse('ctx-other');
      const source = 'Thanks @Person.ada, not @person.ada2, nor mail person.ada@uni.example; (@person.ada)';
      const expected = 'Thanks @former.member, not @person.ada2, nor mail person.ada@uni.example; (@former.member)';
      const reply = await aReply(thread, bo, { bodySource: source });
      await s().revisions.add({ id: newId(), courseId: course.id, postKind: 'reply', postId: bosReply.id, title: null, bodySource: `Draft: ${source}`, editorId: bo.id, createdAt: at(5) });
      const elsewhere = await aThread(other, ada, { bodySource: source });
      expect(await s().personalData.replaceMentionInSources(course.id, 'person.ada', 'former.member')).toBe(2);
      expect((await s().replies.findById(course.id, reply.id))!.bodySource).toBe(expected);
      expect((await s().revisions.listForPost(course.id, 'reply', bosReply.id)).map((r) => r.bodySource)).toEqual([`Draft: ${expected}`]);
      expect((await s().threads.findById(other.id, elsewhere.id))!.bodySource).toBe(source);
      expect(await s().personalData.replaceMentionInSources(course.id, 'person.ada', 'former.member')).toBe(0);
    });
  });
}
