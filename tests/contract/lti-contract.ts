/**
 * The LTI Advantage part of the storage contract: tickets, course services with the roster sync
 * state, and the roster view of memberships. Called from storage-contract.ts inside each adapter's
 * suite, with the storage that suite opened for the current test; no adapter-name branches here.
 */
import type { Course } from '../../src/domain/course';
import { newId } from '../../src/domain/ids';
import type { Person } from '../../src/domain/person';
import type { LtiTicket, Storage } from '../../src/storage/ports';

export function describeLtiContract(current: () => Storage, t0: Date): void {
  const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
  const key = { issuer: 'https://lms.example', clientId: 'client-1', deploymentId: 'dep-1' };

  async function aCourse(contextId = 'ctx-lti'): Promise<Course> {
    return current().courses.upsertByKey({ ...key, contextId }, { id: newId(), title: `Course ${contextId}`, label: null, now: t0 });
  }
  async function aPerson(subject: string): Promise<Person> {
    return current().people.upsertByIdentity(
      { issuer: key.issuer, subject },
      { id: newId(), name: `Person ${subject}`, givenName: null, familyName: null, email: null, now: t0 },
    );
  }

  describe('LTI tickets', () => {
    const ticket: LtiTicket = { kind: 'deep-link', id: 'ticket-1', data: { returnUrl: 'https://lms.example/return', nested: { n: 1 } }, createdAt: t0, expiresAt: at(600) };

    it('finds a ticket until it expires, only under its own kind, and keeps it', async () => {
      await current().ltiTickets.create(ticket);
      expect(await current().ltiTickets.find('deep-link', 'ticket-1', at(1))).toEqual(ticket);
      expect(await current().ltiTickets.find('deep-link', 'ticket-1', at(2))).toEqual(ticket);
      expect(await current().ltiTickets.find('handoff', 'ticket-1', at(1))).toBeNull();
      expect(await current().ltiTickets.find('deep-link', 'ticket-1', at(600))).toBeNull();
    });

    it('gives a ticket to exactly one of several simultaneous takers, and never an expired one', async () => {
      await current().ltiTickets.create(ticket);
      const results = await Promise.all(Array.from({ length: 8 }, () => current().ltiTickets.take('deep-link', 'ticket-1', at(1))));
      expect(results.filter(Boolean)).toEqual([ticket]);
      await current().ltiTickets.create({ ...ticket, id: 'late' });
      expect(await current().ltiTickets.take('deep-link', 'late', at(600))).toBeNull();
      expect(await current().ltiTickets.take('deep-link', 'late', at(1))).toBeNull();
    });

    it('refuses a second ticket with the same kind and id, but allows the id under another kind', async () => {
      await current().ltiTickets.create(ticket);
      await expect(current().ltiTickets.create({ ...ticket, data: {} })).rejects.toHaveProperty('message');
      await expect(current().ltiTickets.create({ ...ticket, kind: 'login' })).resolves.toBeUndefined();
    });

    it('purges expired tickets', async () => {
      await current().ltiTickets.create(ticket);
      await current().ltiTickets.create({ ...ticket, id: 'long', expiresAt: at(7200) });
      expect(await current().ltiTickets.deleteExpired(at(601))).toBe(1);
      expect(await current().ltiTickets.find('deep-link', 'long', at(601))).not.toBeNull();
    });
  });

  describe('course LTI services', () => {
    const endpoints = (courseId: string, now: Date, overrides: Partial<{ membershipsUrl: string | null; lineItemsUrl: string | null; gradeScopes: string[] }> = {}) => ({
      courseId, ...key, membershipsUrl: 'https://lms.example/nrps/1', lineItemsUrl: 'https://lms.example/ags/1', gradeScopes: ['score'], now, ...overrides,
    });

    it('records the endpoints a launch carried, and keeps them when a later launch omits them', async () => {
      const course = await aCourse();
      const first = await current().ltiServices.recordEndpoints(endpoints(course.id, t0));
      expect(first).toMatchObject({ courseId: course.id, membershipsUrl: 'https://lms.example/nrps/1', lineItemsUrl: 'https://lms.example/ags/1', gradeScopes: ['score'], updatedAt: t0 });
      expect(first.roster).toEqual({ lastAttemptAt: null, lastSuccessAt: null, lastError: null, memberCount: null, claimedUntil: null });
      const later = await current().ltiServices.recordEndpoints(endpoints(course.id, at(60), { membershipsUrl: null, lineItemsUrl: null, gradeScopes: [] }));
      expect(later).toMatchObject({ membershipsUrl: 'https://lms.example/nrps/1', lineItemsUrl: 'https://lms.example/ags/1', gradeScopes: ['score'], updatedAt: at(60) });
      expect(await current().ltiServices.find(course.id)).toEqual(later);
      expect(await current().ltiServices.find('unknown')).toBeNull();
    });

    it('lets one claimer at a time run a roster sync, and frees the claim when the sync ends or its time runs out', async () => {
      const course = await aCourse();
      await current().ltiServices.recordEndpoints(endpoints(course.id, t0));
      const claims = await Promise.all(Array.from({ length: 6 }, () => current().ltiServices.claimRosterSync(course.id, at(1), at(301))));
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await current().ltiServices.claimRosterSync(course.id, at(100), at(400))).toBe(false);
      expect(await current().ltiServices.claimRosterSync(course.id, at(301), at(600))).toBe(true);
      await current().ltiServices.recordRosterSync(course.id, { ok: true, at: at(310), memberCount: 12 });
      expect((await current().ltiServices.find(course.id))!.roster).toEqual({ lastAttemptAt: at(310), lastSuccessAt: at(310), lastError: null, memberCount: 12, claimedUntil: null });
      expect(await current().ltiServices.claimRosterSync(course.id, at(320), at(620))).toBe(true);
      await current().ltiServices.recordRosterSync(course.id, { ok: false, at: at(330), error: 'The LMS said no.' });
      expect((await current().ltiServices.find(course.id))!.roster).toEqual({ lastAttemptAt: at(330), lastSuccessAt: at(310), lastError: 'The LMS said no.', memberCount: 12, claimedUntil: null });
    });

    it('lists the courses whose roster is due, never-synced first, and only those with a roster service', async () => {
      const fresh = await aCourse('fresh');
      const stale = await aCourse('stale');
      const recent = await aCourse('recent');
      const noRoster = await aCourse('none');
      for (const course of [fresh, stale, recent]) await current().ltiServices.recordEndpoints(endpoints(course.id, t0));
      await current().ltiServices.recordEndpoints(endpoints(noRoster.id, t0, { membershipsUrl: null }));
      await current().ltiServices.recordRosterSync(stale.id, { ok: true, at: at(10), memberCount: 1 });
      await current().ltiServices.recordRosterSync(recent.id, { ok: true, at: at(1000), memberCount: 1 });
      expect(await current().ltiServices.listDueForRosterSync(at(500), 10)).toEqual([fresh.id, stale.id]);
      expect(await current().ltiServices.listDueForRosterSync(at(500), 1)).toEqual([fresh.id]);
    });
  });

  describe('roster', () => {
    it('adds members the roster lists before they launch, and keeps their first launch for when they do', async () => {
      const course = await aCourse();
      const ada = await aPerson('ada');
      const listed = await current().roster.upsertListed({ courseId: course.id, personId: ada.id, role: 'learner', ltiRoles: ['Learner'], now: t0 });
      expect(listed).toMatchObject({ source: 'roster', removedAt: null, role: 'learner', firstLaunchAt: t0 });
      expect(await current().memberships.countByCourse(course.id)).toBe(1);
      const launched = await current().memberships.recordLaunch({ courseId: course.id, personId: ada.id, role: 'learner', ltiRoles: ['Learner'], now: at(50) });
      expect(launched).toMatchObject({ source: 'launch', firstLaunchAt: at(50), lastLaunchAt: at(50) });
      const relisted = await current().roster.upsertListed({ courseId: course.id, personId: ada.id, role: 'staff', ltiRoles: ['Instructor'], now: at(90) });
      expect(relisted).toMatchObject({ source: 'launch', role: 'staff', firstLaunchAt: at(50), lastLaunchAt: at(50) });
    });

    it('marks the members the roster no longer lists as removed, hides them from the member list, and a launch brings them back', async () => {
      const course = await aCourse();
      const [ada, bob, cy] = [await aPerson('ada'), await aPerson('bob'), await aPerson('cy')];
      for (const person of [ada, bob, cy]) await current().memberships.recordLaunch({ courseId: course.id, personId: person.id, role: 'learner', ltiRoles: [], now: t0 });
      expect(await current().roster.markRemovedExcept(course.id, [ada.id], at(10))).toBe(2);
      expect(await current().roster.markRemovedExcept(course.id, [ada.id], at(20))).toBe(0);
      expect((await current().memberships.find(course.id, bob.id))!.removedAt).toEqual(at(10));
      expect((await current().memberships.listByCourse(course.id)).map((m) => m.personId)).toEqual([ada.id]);
      expect(await current().memberships.countByCourse(course.id)).toBe(1);
      expect(await current().roster.listMembers(course.id, { includeRemoved: false })).toHaveLength(1);
      expect(await current().roster.listMembers(course.id, { includeRemoved: true })).toHaveLength(3);

      expect(await current().memberships.recordLaunch({ courseId: course.id, personId: bob.id, role: 'learner', ltiRoles: [], now: at(30) })).toMatchObject({ removedAt: null });
      expect(await current().roster.upsertListed({ courseId: course.id, personId: cy.id, role: 'learner', ltiRoles: [], now: at(40) })).toMatchObject({ removedAt: null, source: 'launch' });
      expect(await current().memberships.countByCourse(course.id)).toBe(3);
    });

    it('removes no one from other courses', async () => {
      const course = await aCourse('a');
      const other = await aCourse('b');
      const ada = await aPerson('ada');
      await current().memberships.recordLaunch({ courseId: other.id, personId: ada.id, role: 'learner', ltiRoles: [], now: t0 });
      expect(await current().roster.markRemovedExcept(course.id, [], at(10))).toBe(0);
      expect((await current().memberships.find(other.id, ada.id))!.removedAt).toBeNull();
    });
  });
}
