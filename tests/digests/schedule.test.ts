import { digestCutoff, retryDelayMs } from '../../src/domain/digest';

/** Which items are due, from the clock alone: the last 07:00 UTC for daily digests, the last Monday 07:00 UTC for weekly ones. */
describe('digest schedule', () => {
  const at = (iso: string) => new Date(iso);

  it('makes everything so far due for instant digests, and nothing for none', () => {
    expect(digestCutoff('instant', at('2026-03-04T10:15:00Z'))).toEqual(at('2026-03-04T10:15:00Z'));
    expect(digestCutoff('none', at('2026-03-04T10:15:00Z'))).toBeNull();
  });

  it('cuts daily digests at the last 07:00 UTC', () => {
    expect(digestCutoff('daily', at('2026-03-04T06:59:59Z'))).toEqual(at('2026-03-03T07:00:00Z'));
    expect(digestCutoff('daily', at('2026-03-04T07:00:00Z'))).toEqual(at('2026-03-04T07:00:00Z'));
    expect(digestCutoff('daily', at('2026-03-01T03:00:00Z'))).toEqual(at('2026-02-28T07:00:00Z'));
  });

  it('cuts weekly digests at the last Monday 07:00 UTC', () => {
    // 2026-03-02 is a Monday.
    expect(digestCutoff('weekly', at('2026-03-02T06:00:00Z'))).toEqual(at('2026-02-23T07:00:00Z'));
    expect(digestCutoff('weekly', at('2026-03-02T07:00:00Z'))).toEqual(at('2026-03-02T07:00:00Z'));
    expect(digestCutoff('weekly', at('2026-03-08T23:59:00Z'))).toEqual(at('2026-03-02T07:00:00Z'));
    expect(digestCutoff('weekly', at('2027-01-01T12:00:00Z'))).toEqual(at('2026-12-28T07:00:00Z'));
  });

  it('waits longer after each failed send, up to six hours', () => {
    expect([1, 2, 3, 10].map(retryDelayMs)).toEqual([5 * 60_000, 10 * 60_000, 20 * 60_000, 6 * 3_600_000]);
  });
});
