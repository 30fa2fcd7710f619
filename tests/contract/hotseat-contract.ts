/**
 * The hotseat part of the storage contract: hotseats, hosts and guest invitations here; questions,
 * votes, follow-ups and the summary in hotseat-questions-contract.ts. Called from
 * storage-contract.ts inside each adapter's suite, with the storage that suite opened for the
 * current test; no adapter-name branches here.
 */
import type { Hotseat, HotseatHost, HotseatInvitation } from '../../src/domain/hotseat';
import type { Storage } from '../../src/storage/ports';
import { describeHotseatQuestionContract } from './hotseat-questions-contract';
import { hotseatFixtures } from './hotseat-fixtures';

export function describeHotseatContract(current: () => Storage, t0: Date): void {
  const { at, aCourse, aPerson, aHotseat } = hotseatFixtures(current, t0);
  const ids = (hotseats: Hotseat[]) => hotseats.map((h) => h.id);

  describe('hotseats', () => {
    it('stores a hotseat as given and finds it only in its own course', async () => {
      const course = await aCourse();
      const other = await aCourse('ctx-other');
      const hotseat = await aHotseat(course, { descriptionSource: '', descriptionHtml: '', premoderation: true, answeringQuestionId: 'q-1' });
      expect(await current().hotseats.findById(course.id, hotseat.id)).toEqual(hotseat);
      expect(await current().hotseats.findById(other.id, hotseat.id)).toBeNull();
      expect(await current().hotseats.findById(course.id, 'missing')).toBeNull();
    });

    it('lists every hotseat of the course, drafts included, the soonest start first', async () => {
      const course = await aCourse();
      const other = await aCourse('ctx-other');
      const late = await aHotseat(course, { startsAt: at(9000), endsAt: at(9500) });
      const draft = await aHotseat(course, { publishedAt: null, phase: 'draft', startsAt: at(5000), endsAt: at(5500) });
      const soon = await aHotseat(course, { startsAt: at(1000), endsAt: at(1500) });
      await aHotseat(other);
      expect(ids(await current().hotseats.listByCourse(course.id))).toEqual([soon.id, draft.id, late.id]);
      expect(await current().hotseats.listByCourse('empty')).toEqual([]);
    });

    it('updates only the fields a patch names, keeps null as a value, and finds nothing in another course', async () => {
      const course = await aCourse();
      const other = await aCourse('ctx-other');
      const hotseat = await aHotseat(course, { answeringQuestionId: 'q-1' });
      const patch = { title: 'Renamed', publishedAt: null, convertOnClose: true, answeringQuestionId: null, endsAt: at(8000), updatedAt: at(5) };
      const updated = await current().hotseats.update(course.id, hotseat.id, patch);
      expect(updated).toEqual({ ...hotseat, ...patch });
      expect(await current().hotseats.findById(course.id, hotseat.id)).toEqual(updated);
      expect(await current().hotseats.update(course.id, hotseat.id, {})).toEqual(updated);
      expect(await current().hotseats.update(other.id, hotseat.id, { title: 'Hijacked' })).toBeNull();
      expect(await current().hotseats.update(course.id, 'missing', { title: 'x' })).toBeNull();
      expect((await current().hotseats.findById(course.id, hotseat.id))!.title).toBe('Renamed');
    });

    it('advances the phase only from the phase it still has: a second identical call returns false', async () => {
      const course = await aCourse();
      const other = await aCourse('ctx-other');
      const hotseat = await aHotseat(course, { phase: 'scheduled' });
      expect(await current().hotseats.advancePhase(course.id, hotseat.id, 'scheduled', 'collecting', at(60))).toBe(true);
      expect(await current().hotseats.findById(course.id, hotseat.id)).toMatchObject({ phase: 'collecting', updatedAt: at(60) });
      expect(await current().hotseats.advancePhase(course.id, hotseat.id, 'scheduled', 'collecting', at(61))).toBe(false);
      expect(await current().hotseats.advancePhase(course.id, hotseat.id, 'live', 'closed', at(62))).toBe(false);
      expect(await current().hotseats.advancePhase(other.id, hotseat.id, 'collecting', 'live', at(63))).toBe(false);
      expect(await current().hotseats.findById(course.id, hotseat.id)).toMatchObject({ phase: 'collecting', updatedAt: at(60) });
    });

    it('lets exactly one of several racing processes announce a transition', async () => {
      const course = await aCourse();
      const hotseat = await aHotseat(course, { phase: 'collecting' });
      const moves = await Promise.all(Array.from({ length: 8 }, () => current().hotseats.advancePhase(course.id, hotseat.id, 'collecting', 'live', at(3600))));
      expect(moves.filter(Boolean)).toHaveLength(1);
      expect((await current().hotseats.findById(course.id, hotseat.id))!.phase).toBe('live');
    });

    it('lists the unsettled hotseats of every course: published and not closed, ignoring drafts and closed ones', async () => {
      const course = await aCourse();
      const other = await aCourse('ctx-other');
      await aHotseat(course, { publishedAt: null, phase: 'draft' });
      await aHotseat(course, { phase: 'closed' });
      const scheduled = await aHotseat(course, { phase: 'scheduled' });
      const live = await aHotseat(course, { phase: 'live' });
      const elsewhere = await aHotseat(other, { phase: 'collecting' });
      const unsettled = await current().hotseats.listUnsettled();
      expect(ids(unsettled).sort()).toEqual([scheduled.id, live.id, elsewhere.id].sort());
      expect(unsettled.find((h) => h.id === live.id)).toEqual(live);
      await current().hotseats.advancePhase(course.id, live.id, 'live', 'closed', at(7200));
      expect(ids(await current().hotseats.listUnsettled()).sort()).toEqual([scheduled.id, elsewhere.id].sort());
    });

    it('lists no unsettled hotseats in an empty store', async () => {
      expect(await current().hotseats.listUnsettled()).toEqual([]);
    });
  });

  describe('hotseat hosts', () => {
    const aHost = (hotseat: Hotseat, personId: string, overrides: Partial<HotseatHost> = {}): HotseatHost => ({
      hotseatId: hotseat.id, courseId: hotseat.courseId, personId, kind: 'staff', bio: null, addedAt: t0, ...overrides,
    });

    it('adds a host once: adding them again changes nothing', async () => {
      const course = await aCourse();
      const hotseat = await aHotseat(course);
      const guest = await aPerson('guest');
      const host = aHost(hotseat, guest.id, { kind: 'guest', bio: 'Writes compilers.', addedAt: at(5) });
      await current().hotseatHosts.add(host);
      await current().hotseatHosts.add({ ...host, kind: 'staff', bio: null, addedAt: at(50) });
      expect(await current().hotseatHosts.find(hotseat.id, guest.id)).toEqual(host);
      expect(await current().hotseatHosts.listByHotseat(hotseat.id)).toEqual([host]);
    });

    it('finds nobody for someone who does not host the hotseat', async () => {
      const course = await aCourse();
      const [hotseat, another] = [await aHotseat(course), await aHotseat(course)];
      const ada = await aPerson('ada');
      await current().hotseatHosts.add(aHost(hotseat, ada.id));
      expect(await current().hotseatHosts.find(another.id, ada.id)).toBeNull();
      expect(await current().hotseatHosts.find(hotseat.id, 'stranger')).toBeNull();
    });

    it('lists a hotseat\'s hosts in the order they were added', async () => {
      const course = await aCourse();
      const [hotseat, another] = [await aHotseat(course), await aHotseat(course)];
      const [ada, bo, cy] = [await aPerson('ada'), await aPerson('bo'), await aPerson('cy')];
      await current().hotseatHosts.add(aHost(hotseat, bo.id, { addedAt: at(3) }));
      await current().hotseatHosts.add(aHost(hotseat, ada.id, { addedAt: at(1) }));
      await current().hotseatHosts.add(aHost(hotseat, cy.id, { addedAt: at(2) }));
      await current().hotseatHosts.add(aHost(another, ada.id, { addedAt: at(0) }));
      expect((await current().hotseatHosts.listByHotseat(hotseat.id)).map((h) => h.personId)).toEqual([ada.id, cy.id, bo.id]);
      expect(await current().hotseatHosts.listByHotseat('none')).toEqual([]);
    });

    it('lists every hotseat a person hosted, in any course, newest first', async () => {
      const [course, other] = [await aCourse(), await aCourse('ctx-other')];
      const [first, second, third] = [await aHotseat(course), await aHotseat(other), await aHotseat(course)];
      const [ada, bo] = [await aPerson('ada'), await aPerson('bo')];
      await current().hotseatHosts.add(aHost(first, ada.id, { addedAt: at(1) }));
      await current().hotseatHosts.add(aHost(third, ada.id, { addedAt: at(3) }));
      await current().hotseatHosts.add(aHost(second, ada.id, { addedAt: at(2) }));
      await current().hotseatHosts.add(aHost(first, bo.id, { addedAt: at(9) }));
      expect((await current().hotseatHosts.listByPerson(ada.id)).map((h) => h.hotseatId)).toEqual([third.id, second.id, first.id]);
      expect(await current().hotseatHosts.listByPerson('nobody')).toEqual([]);
    });

    it('removes a host, and says whether there was one to remove', async () => {
      const course = await aCourse();
      const hotseat = await aHotseat(course);
      const [ada, bo] = [await aPerson('ada'), await aPerson('bo')];
      await current().hotseatHosts.add(aHost(hotseat, ada.id));
      await current().hotseatHosts.add(aHost(hotseat, bo.id, { addedAt: at(1) }));
      expect(await current().hotseatHosts.remove(hotseat.id, ada.id)).toBe(true);
      expect(await current().hotseatHosts.remove(hotseat.id, ada.id)).toBe(false);
      expect(await current().hotseatHosts.find(hotseat.id, ada.id)).toBeNull();
      expect((await current().hotseatHosts.listByHotseat(hotseat.id)).map((h) => h.personId)).toEqual([bo.id]);
    });
  });

  describe('hotseat invitations', () => {
    async function anInvitation(overrides: Partial<HotseatInvitation> = {}): Promise<HotseatInvitation> {
      const course = await aCourse();
      const hotseat = await aHotseat(course);
      const invitation: HotseatInvitation = {
        tokenHash: 'hash-1', hotseatId: hotseat.id, courseId: course.id, createdBy: hotseat.createdBy,
        createdAt: t0, expiresAt: at(3600), usedAt: null, usedBy: null, ...overrides,
      };
      await current().hotseatInvitations.create(invitation);
      return invitation;
    }

    it('finds an invitation by its token hash, and nothing for an unknown one', async () => {
      const invitation = await anInvitation();
      expect(await current().hotseatInvitations.find('hash-1')).toEqual(invitation);
      expect(await current().hotseatInvitations.find('hash-2')).toBeNull();
    });

    it('uses an invitation once: a second use fails and keeps the first user', async () => {
      const invitation = await anInvitation();
      const [guest, latecomer] = [await aPerson('guest'), await aPerson('late')];
      expect(await current().hotseatInvitations.use('hash-1', guest.id, at(60))).toBe(true);
      expect(await current().hotseatInvitations.use('hash-1', latecomer.id, at(61))).toBe(false);
      expect(await current().hotseatInvitations.find('hash-1')).toEqual({ ...invitation, usedAt: at(60), usedBy: guest.id });
      expect(await current().hotseatInvitations.use('unknown', guest.id, at(62))).toBe(false);
    });

    it('refuses an invitation from the moment it expires', async () => {
      const invitation = await anInvitation();
      const guest = await aPerson('guest');
      expect(await current().hotseatInvitations.use('hash-1', guest.id, at(3600))).toBe(false);
      expect(await current().hotseatInvitations.use('hash-1', guest.id, at(4000))).toBe(false);
      expect(await current().hotseatInvitations.find('hash-1')).toEqual(invitation);
      expect(await current().hotseatInvitations.use('hash-1', guest.id, at(3599))).toBe(true);
    });

    it('gives an invitation to exactly one of several people racing for it', async () => {
      await anInvitation();
      const people = await Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map((subject) => aPerson(subject)));
      const results = await Promise.all(people.map((person) => current().hotseatInvitations.use('hash-1', person.id, at(10))));
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = people[results.indexOf(true)]!;
      expect(await current().hotseatInvitations.find('hash-1')).toMatchObject({ usedAt: at(10), usedBy: winner.id });
    });
  });

  describeHotseatQuestionContract(current, t0);
}
