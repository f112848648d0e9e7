import { addTarget } from './deadlines';

describe('addTarget', () => {
  const friday = new Date('2026-11-27T10:00:00Z');
  it('adds calendar time', () => {
    expect(addTarget(friday, 2 * 86_400_000, 'calendar').toISOString()).toBe('2026-11-29T10:00:00.000Z');
  });
  it('skips weekends for whole-day targets on a working-day calendar', () => {
    expect(addTarget(friday, 2 * 86_400_000, 'working').toISOString()).toBe('2026-12-01T10:00:00.000Z');
    expect(addTarget(friday, 1 * 86_400_000, 'working').toISOString()).toBe('2026-11-30T10:00:00.000Z');
  });
  it('keeps hour targets in calendar time', () => {
    expect(addTarget(friday, 4 * 3_600_000, 'working').toISOString()).toBe('2026-11-27T14:00:00.000Z');
  });
});
