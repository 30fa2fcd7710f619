/**
 * The languages part of the storage contract: the locale a person's launch asked for, and the copy
 * a session keeps of it. Called from storage-contract.ts inside each adapter's suite, with the
 * storage that suite opened for the current test; no adapter-name branches here.
 */
import { newId } from '../../src/domain/ids';
import type { Storage } from '../../src/storage/ports';

export function describeI18nContract(current: () => Storage, t0: Date): void {
  const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
  const identity = { issuer: 'https://lms.example', subject: 'ada' };
  const details = { name: 'Ada', givenName: null, familyName: null, email: null };

  describe('people: locale', () => {
    it('keeps the locale a launch sent, as sent', async () => {
      const ada = await current().people.upsertByIdentity(identity, { id: newId(), ...details, locale: 'es-ES', now: t0 });
      expect(ada.locale).toBe('es-ES');
      expect((await current().people.findById(ada.id))!.locale).toBe('es-ES');
      expect((await current().people.findByIds([ada.id]))[0]!.locale).toBe('es-ES');
    });

    it('follows each launch: a new locale replaces the old, and a launch without one clears it', async () => {
      await current().people.upsertByIdentity(identity, { id: newId(), ...details, locale: 'es-ES', now: t0 });
      expect((await current().people.upsertByIdentity(identity, { id: newId(), ...details, locale: 'en-GB', now: at(1) })).locale).toBe('en-GB');
      const cleared = await current().people.upsertByIdentity(identity, { id: newId(), ...details, locale: null, now: at(2) });
      expect(cleared.locale).toBeNull();
      expect((await current().people.findById(cleared.id))!.locale).toBeNull();
    });

    it('leaves the locale alone when the details come from elsewhere (a roster sync gives none)', async () => {
      const ada = await current().people.upsertByIdentity(identity, { id: newId(), ...details, locale: 'es-MX', now: t0 });
      const synced = await current().people.upsertByIdentity(identity, { id: newId(), ...details, name: 'Ada Lovelace', now: at(1) });
      expect(synced).toMatchObject({ id: ada.id, name: 'Ada Lovelace', locale: 'es-MX' });
    });

    it('has no locale for someone known only from a roster', async () => {
      const bo = await current().people.upsertByIdentity({ ...identity, subject: 'bo' }, { id: newId(), ...details, now: t0 });
      expect(bo.locale).toBeNull();
    });
  });

  describe('sessions: locale', () => {
    it('gives back the locale the session was created with, and null when it had none', async () => {
      const ada = await current().people.upsertByIdentity(identity, { id: newId(), ...details, locale: 'es-ES', now: t0 });
      await current().sessions.create({ tokenHash: 'with', personId: ada.id, createdAt: t0, expiresAt: at(60), locale: 'es-ES' });
      await current().sessions.create({ tokenHash: 'without', personId: ada.id, createdAt: t0, expiresAt: at(60) });
      expect((await current().sessions.findActive('with', at(1)))!.locale).toBe('es-ES');
      expect((await current().sessions.findActive('without', at(1)))!.locale ?? null).toBeNull();
    });
  });
}
