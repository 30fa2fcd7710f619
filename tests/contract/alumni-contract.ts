/**
 * The alumni space's part of the storage contract. Called from storage-contract.ts inside each
 * adapter's suite, with the storage that suite opened for the current test; no adapter-name branches.
 */
import { spaceCourseKey, type Community, type Prompt } from '../../src/domain/alumni';
import type { Course } from '../../src/domain/course';
import type { Reply, Thread } from '../../src/domain/discussion';
import { newId } from '../../src/domain/ids';
import type { Person } from '../../src/domain/person';
import type { Storage } from '../../src/storage/ports';

export function describeAlumniContract(current: () => Storage, t0: Date): void {
  const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
  const key = { issuer: 'https://lms.example', clientId: 'client-1', deploymentId: 'dep-1' };
  const s = () => current();

  async function aCourse(contextId: string): Promise<Course> {
    return s().courses.upsertByKey({ ...key, contextId }, { id: newId(), title: `Course ${contextId}`, label: null, now: t0 });
  }
  async function aPerson(subject: string): Promise<Person> {
    return s().people.upsertByIdentity({ issuer: key.issuer, subject }, { id: newId(), name: subject, givenName: null, familyName: null, email: `${subject}@x.example`, now: t0 });
  }
  async function aCommunity(creator: Person, code = 'ABCD-EFGH'): Promise<Community> {
    const id = newId();
    const space = await s().courses.upsertByKey(spaceCourseKey(id), { id: newId(), title: 'Alumni', label: 'Alumni community', now: t0 });
    const community: Community = { id, name: 'Alumni', joinCode: code, spaceCourseId: space.id, learnerAccess: 'read', quietDays: 14, createdBy: creator.id, createdAt: t0 };
    await s().communities.create(community);
    return community;
  }

  describe('alumni communities', () => {
    it('finds a community by id, space course and join code in any case; refuses a second one with the same code', async () => {
      const grace = await aPerson('grace');
      const community = await aCommunity(grace);
      expect(await s().communities.findById(community.id)).toEqual(community);
      expect(await s().communities.findBySpaceCourse(community.spaceCourseId)).toEqual(community);
      expect(await s().communities.findByJoinCode('abcd-efgh')).toEqual(community);
      expect(await s().communities.findByJoinCode('ZZZZ-ZZZZ')).toBeNull();
      await expect(aCommunity(grace, 'abcd-EFGH')).rejects.toHaveProperty('message');
      expect(await s().communities.listByIds([community.id, 'missing'])).toEqual([community]);
      expect(await s().communities.listByIds([])).toEqual([]);
    });

    it('updates only the settings given', async () => {
      const community = await aCommunity(await aPerson('grace'));
      expect(await s().communities.update(community.id, { learnerAccess: 'hidden' })).toEqual({ ...community, learnerAccess: 'hidden' });
      expect(await s().communities.update(community.id, { quietDays: 3, name: 'Renamed' })).toEqual({ ...community, learnerAccess: 'hidden', quietDays: 3, name: 'Renamed' });
    });
  });

  describe('alumni courses', () => {
    it('records launch facts, keeping those a later launch does not carry', async () => {
      const course = await aCourse('c1');
      await s().alumniCourses.recordFacts(course.id, { endsAt: at(3600), copiedFrom: ['old'], term: 'Spring', now: t0 });
      const kept = await s().alumniCourses.recordFacts(course.id, { endsAt: null, copiedFrom: [], term: null, now: at(1) });
      expect(kept).toMatchObject({ courseId: course.id, endsAt: at(3600), copiedFrom: ['old'], term: 'Spring', communityId: null, graduatedAt: null, updatedAt: at(1) });
      expect(await s().alumniCourses.find('missing')).toBeNull();
    });

    it('links a course to one community only, even when two links race', async () => {
      const grace = await aPerson('grace');
      const [a, b] = [await aCommunity(grace, 'AAAA-AAAA'), await aCommunity(grace, 'BBBB-BBBB')];
      const course = await aCourse('c1');
      const results = await Promise.all([a, b].map((c) => s().alumniCourses.link(course.id, { communityId: c.id, cohortLabel: 'Spring', by: grace.id, now: t0 })));
      expect(results.filter(Boolean)).toHaveLength(1);
      const linked = await s().alumniCourses.find(course.id);
      expect([a.id, b.id]).toContain(linked!.communityId);
      expect(linked).toMatchObject({ cohortLabel: 'Spring', linkedBy: grace.id, linkedAt: t0 });
      await s().alumniCourses.setCohortLabel(course.id, 'Spring 2026', at(1));
      expect((await s().alumniCourses.listByCommunity(linked!.communityId!)).map((c) => c.cohortLabel)).toEqual(['Spring 2026']);
    });

    it('lists linked, ungraduated courses whose end date passed, and graduates each once', async () => {
      const grace = await aPerson('grace');
      const community = await aCommunity(grace);
      const [ended, later, unlinked, noDate] = [await aCourse('ended'), await aCourse('later'), await aCourse('unlinked'), await aCourse('nodate')];
      await s().alumniCourses.recordFacts(ended.id, { endsAt: at(100), copiedFrom: [], term: null, now: t0 });
      await s().alumniCourses.recordFacts(later.id, { endsAt: at(10_000), copiedFrom: [], term: null, now: t0 });
      await s().alumniCourses.recordFacts(unlinked.id, { endsAt: at(50), copiedFrom: [], term: null, now: t0 });
      for (const c of [ended, later, noDate]) await s().alumniCourses.link(c.id, { communityId: community.id, cohortLabel: c.title, by: grace.id, now: t0 });
      expect(await s().alumniCourses.listDueForGraduation(at(200), 10)).toEqual([ended.id]);
      const marks = await Promise.all([1, 2, 3].map(() => s().alumniCourses.markGraduated(ended.id, at(200), null)));
      expect(marks.filter(Boolean)).toHaveLength(1);
      expect(await s().alumniCourses.listDueForGraduation(at(20_000), 10)).toEqual([later.id]);
      expect(await s().alumniCourses.markGraduated(unlinked.id, at(200), null)).toBe(false);
      expect((await s().alumniCourses.find(ended.id))!.graduatedAt).toEqual(at(200));
    });

    it('finds the first linked course among copy-history contexts, in the order given', async () => {
      const grace = await aPerson('grace');
      const community = await aCommunity(grace);
      const [older, newer] = [await aCourse('older'), await aCourse('newer')];
      await aCourse('unlinked');
      for (const c of [older, newer]) await s().alumniCourses.link(c.id, { communityId: community.id, cohortLabel: c.title, by: grace.id, now: t0 });
      expect((await s().alumniCourses.findLinkedByContext(key.issuer, key.clientId, ['unlinked', 'newer', 'older']))!.courseId).toBe(newer.id);
      expect(await s().alumniCourses.findLinkedByContext(key.issuer, 'other-client', ['newer'])).toBeNull();
      expect(await s().alumniCourses.findLinkedByContext(key.issuer, key.clientId, [])).toBeNull();
    });

    it('lists the communities a person is active staff of through a linked course', async () => {
      const [grace, ada] = [await aPerson('grace'), await aPerson('ada')];
      const community = await aCommunity(grace);
      const course = await aCourse('c1');
      await s().alumniCourses.link(course.id, { communityId: community.id, cohortLabel: 'x', by: grace.id, now: t0 });
      await s().memberships.recordLaunch({ courseId: course.id, personId: grace.id, role: 'staff', ltiRoles: [], now: t0 });
      await s().memberships.recordLaunch({ courseId: course.id, personId: ada.id, role: 'learner', ltiRoles: [], now: t0 });
      expect(await s().alumniCourses.communitiesStaffedBy(grace.id)).toEqual([community.id]);
      expect(await s().alumniCourses.communitiesStaffedBy(ada.id)).toEqual([]);
      await s().roster.markRemovedExcept(course.id, [], at(1));
      expect(await s().alumniCourses.communitiesStaffedBy(grace.id)).toEqual([]);
    });
  });

  describe('alumni, departures and mentors', () => {
    it('adds alumni records once each, per cohort', async () => {
      const [grace, ada] = [await aPerson('grace'), await aPerson('ada')];
      const community = await aCommunity(grace);
      const [spring, autumn] = [await aCourse('spring'), await aCourse('autumn')];
      const record = { communityId: community.id, personId: ada.id, courseId: spring.id, cohortLabel: 'Spring', graduatedAt: at(10) };
      expect(await s().alumni.add([record])).toBe(1);
      expect(await s().alumni.add([record, { ...record, courseId: autumn.id, cohortLabel: 'Autumn', graduatedAt: at(20) }])).toBe(1);
      expect(await s().alumni.listForPerson(community.id, ada.id)).toEqual([record, { ...record, courseId: autumn.id, cohortLabel: 'Autumn', graduatedAt: at(20) }]);
      expect(await s().alumni.listAllForPerson(grace.id)).toEqual([]);
      expect(await s().alumni.countByCourse(spring.id)).toBe(1);
    });

    it('records a departure once, and names former members only for the community\'s space course', async () => {
      const [grace, ada, bo] = [await aPerson('grace'), await aPerson('ada'), await aPerson('bo')];
      const community = await aCommunity(grace);
      const other = await aCourse('other');
      await s().memberships.recordLaunch({ courseId: community.spaceCourseId, personId: ada.id, role: 'learner', ltiRoles: [], now: t0 });
      await s().alumni.recordDeparture(community.id, ada.id, at(5));
      await s().alumni.recordDeparture(community.id, ada.id, at(9));
      expect(await s().alumni.findDeparture(community.id, ada.id)).toEqual(at(5));
      expect(await s().alumni.findDeparture(community.id, bo.id)).toBeNull();
      expect([...await s().alumni.formerMembersAmong(community.spaceCourseId, [ada.id, bo.id])]).toEqual([ada.id]);
      expect(await s().alumni.formerMembersAmong(other.id, [ada.id])).toEqual(new Set());
      await s().alumni.removeSpaceMembership(community.spaceCourseId, ada.id, at(5));
      expect(await s().memberships.listByCourse(community.spaceCourseId)).toEqual([]);
    });

    it('designates and removes mentors', async () => {
      const [grace, ada] = [await aPerson('grace'), await aPerson('ada')];
      const community = await aCommunity(grace);
      await s().alumni.setMentor(community.id, ada.id, true, t0);
      await s().alumni.setMentor(community.id, ada.id, true, at(1));
      expect(await s().alumni.isMentor(community.id, ada.id)).toBe(true);
      expect(await s().alumni.listMentors(community.id)).toEqual([ada.id]);
      await s().alumni.setMentor(community.id, ada.id, false, at(2));
      expect(await s().alumni.isMentor(community.id, ada.id)).toBe(false);
    });
  });

  describe('alumni profiles', () => {
    it('saves, replaces, lists only visible profiles, and deletes', async () => {
      const [grace, ada, bo] = [await aPerson('grace'), await aPerson('ada'), await aPerson('bo')];
      const community = await aCommunity(grace);
      const profile = { communityId: community.id, personId: ada.id, visible: false, displayName: 'Ada', bio: '', tags: ['stats'], happyToBeAsked: true, updatedAt: t0 };
      await s().alumniProfiles.save(profile);
      await s().alumniProfiles.save({ ...profile, personId: bo.id, displayName: 'bo', visible: true });
      expect(await s().alumniProfiles.find(community.id, ada.id)).toEqual(profile);
      expect((await s().alumniProfiles.listVisible(community.id)).map((p) => p.displayName)).toEqual(['bo']);
      await s().alumniProfiles.save({ ...profile, visible: true, updatedAt: at(1) });
      expect((await s().alumniProfiles.listVisible(community.id)).map((p) => p.displayName)).toEqual(['Ada', 'bo']);
      expect(await s().alumniProfiles.delete(community.id, ada.id)).toBe(true);
      expect(await s().alumniProfiles.delete(community.id, ada.id)).toBe(false);
      expect(await s().alumniProfiles.find(community.id, ada.id)).toBeNull();
    });

    it('lists a person\'s endorsed answers that carry their name, not anonymous, deleted or hidden ones', async () => {
      const [grace, ada] = [await aPerson('grace'), await aPerson('ada')];
      const course = await aCourse('c1');
      const thread: Thread = {
        id: newId(), courseId: course.id, authorId: grace.id, kind: 'question', anonymity: 'named', title: 'Q', bodySource: 'b', bodyHtml: '<p>b</p>',
        tagIds: [], replyCount: 0, answerCount: 0, voteCount: 0, pinned: false, locked: false, hidden: false, acceptedReplyId: null,
        endorsedAnswerCount: 0, createdAt: t0, editedAt: null, deletedAt: null, lastActivityAt: t0,
      };
      await s().threads.create(thread);
      const reply = (overrides: Partial<Reply>): Reply => ({
        id: newId(), courseId: course.id, threadId: thread.id, parentId: null, authorId: ada.id, anonymity: 'named', bodySource: 'r', bodyHtml: '<p>r</p>',
        voteCount: 0, hidden: false, endorsedBy: grace.id, endorsedAt: at(10), createdAt: t0, editedAt: null, deletedAt: null, ...overrides,
      });
      const named = reply({});
      for (const r of [named, reply({ anonymity: 'peers' }), reply({ deletedAt: at(1) }), reply({ hidden: true }), reply({ endorsedBy: null, endorsedAt: null })]) {
        await s().replies.create(r);
      }
      expect(await s().alumniProfiles.endorsedNamedAnswers(course.id, ada.id, 10)).toEqual([{ replyId: named.id, threadId: thread.id, threadTitle: 'Q', endorsedAt: at(10) }]);
    });
  });

  describe('email sign-in', () => {
    it('keeps consents by lower-case address, replaced on opt-in again and removed on opt-out', async () => {
      const ada = await aPerson('ada');
      await s().signIn.optIn({ personId: ada.id, email: 'Ada@X.example', optedInAt: t0 });
      expect(await s().signIn.listOptInsByEmail('ADA@x.example')).toEqual([{ personId: ada.id, email: 'ada@x.example', optedInAt: t0 }]);
      await s().signIn.optIn({ personId: ada.id, email: 'new@x.example', optedInAt: at(1) });
      expect(await s().signIn.listOptInsByEmail('ada@x.example')).toEqual([]);
      expect(await s().signIn.findOptIn(ada.id)).toEqual({ personId: ada.id, email: 'new@x.example', optedInAt: at(1) });
      await s().signIn.optOut(ada.id);
      expect(await s().signIn.findOptIn(ada.id)).toBeNull();
    });

    it('gives a link to exactly one of several simultaneous users, and never an expired one', async () => {
      const ada = await aPerson('ada');
      const link = { tokenHash: 'hash-1', personId: ada.id, createdAt: t0, expiresAt: at(900), usedAt: null };
      await s().signIn.createLink(link);
      const results = await Promise.all(Array.from({ length: 6 }, () => s().signIn.consumeLink('hash-1', at(1))));
      expect(results.filter(Boolean)).toEqual([{ ...link, usedAt: at(1) }]);
      expect(await s().signIn.findLink('hash-1')).toEqual({ ...link, usedAt: at(1) });
      await s().signIn.createLink({ ...link, tokenHash: 'hash-2' });
      expect(await s().signIn.consumeLink('hash-2', at(900))).toBeNull();
      expect((await s().signIn.findLink('hash-2'))!.usedAt).toBeNull();
      expect(await s().signIn.countLinksSince(ada.id, t0)).toBe(2);
      expect(await s().signIn.countLinksSince(ada.id, at(1))).toBe(0);
      expect(await s().signIn.deleteLinksExpiredBefore(at(901))).toBe(2);
      expect(await s().signIn.findLink('hash-1')).toBeNull();
    });
  });

  describe('prompts', () => {
    async function aPrompt(overrides: Partial<Prompt> = {}): Promise<Prompt> {
      const grace = await aPerson(`grace-${newId()}`);
      const community = await aCommunity(grace, `${newId().slice(-4)}-${newId().slice(-4)}`);
      const prompt: Prompt = {
        id: newId(), communityId: community.id, target: 'space', courseId: community.spaceCourseId, authorId: grace.id, title: 'Weekly', body: 'b',
        nextPostAt: at(60), repeatDays: 7, lastPostedAt: null, lastThreadId: null, createdAt: t0, cancelledAt: null, ...overrides,
      };
      await s().prompts.create(prompt);
      return prompt;
    }

    it('lists due prompts and claims each occurrence once, even when claims race', async () => {
      const prompt = await aPrompt();
      expect(await s().prompts.listDue(at(59), 10)).toEqual([]);
      expect(await s().prompts.listDue(at(60), 10)).toEqual([prompt]);
      const claims = await Promise.all([1, 2, 3].map((n) => s().prompts.claimOccurrence(prompt.id, at(60), at(60 + 7 * 86400), { at: at(61), threadId: `t${n}` })));
      expect(claims.filter(Boolean)).toHaveLength(1);
      const claimed = await s().prompts.findById(prompt.id);
      expect(claimed).toMatchObject({ nextPostAt: at(60 + 7 * 86400), lastPostedAt: at(61) });
      expect(await s().prompts.listDue(at(61), 10)).toEqual([]);
    });

    it('cancels a prompt: it is never due again, nor claimable', async () => {
      const prompt = await aPrompt();
      expect(await s().prompts.cancel(prompt.id, at(1))).toBe(true);
      expect(await s().prompts.cancel(prompt.id, at(2))).toBe(false);
      expect(await s().prompts.listDue(at(100), 10)).toEqual([]);
      expect(await s().prompts.claimOccurrence(prompt.id, at(60), null, { at: at(61), threadId: 't' })).toBe(false);
      expect(await s().prompts.listByCommunity(prompt.communityId)).toEqual([{ ...prompt, nextPostAt: null, cancelledAt: at(1) }]);
    });
  });

  describe('alumni questions', () => {
    it('lists a community\'s questions newest first', async () => {
      const grace = await aPerson('grace');
      const community = await aCommunity(grace);
      const q = (threadId: string, seconds: number) => ({ threadId, communityId: community.id, askerId: grace.id, tags: ['stats'], notifiedCount: 2, createdAt: at(seconds) });
      const threadIds = [];
      for (const n of [1, 2]) {
        const thread: Thread = {
          id: newId(), courseId: community.spaceCourseId, authorId: grace.id, kind: 'question', anonymity: 'named', title: `Q${n}`, bodySource: 'b', bodyHtml: 'b',
          tagIds: [], replyCount: 0, answerCount: 0, voteCount: 0, pinned: false, locked: false, hidden: false, acceptedReplyId: null,
          endorsedAnswerCount: 0, createdAt: t0, editedAt: null, deletedAt: null, lastActivityAt: t0,
        };
        await s().threads.create(thread);
        threadIds.push(thread.id);
      }
      await s().alumniQuestions.create(q(threadIds[0]!, 1));
      await s().alumniQuestions.create(q(threadIds[1]!, 2));
      expect(await s().alumniQuestions.listByCommunity(community.id, 10)).toEqual([q(threadIds[1]!, 2), q(threadIds[0]!, 1)]);
    });
  });

  describe('sessions scope', () => {
    it('keeps a session\'s scope, "launch" unless told otherwise', async () => {
      const ada = await aPerson('ada');
      await s().sessions.create({ tokenHash: 'launch', personId: ada.id, createdAt: t0, expiresAt: at(60) });
      await s().sessions.create({ tokenHash: 'alumni', personId: ada.id, createdAt: t0, expiresAt: at(60), scope: 'alumni' });
      expect((await s().sessions.findActive('launch', at(1)))!.scope).toBe('launch');
      expect((await s().sessions.findActive('alumni', at(1)))!.scope).toBe('alumni');
    });
  });
}
