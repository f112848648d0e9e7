import { countNew, inboxSeenAt, markInboxSeen } from './new-tasks';

describe('new tasks since the last look at the inbox', () => {
  it('counts tasks opened after the last look, none the first time, per person', () => {
    const tasks = [{ openedAt: '2026-11-01T10:00:00Z' }, { openedAt: '2026-11-03T10:00:00Z' }];
    expect(countNew(tasks, null)).toBe(0);
    expect(countNew(tasks, '2026-11-02T00:00:00Z')).toBe(1);
    expect(countNew(tasks, '2026-11-04T00:00:00Z')).toBe(0);
    markInboxSeen('ana', '2026-11-02T00:00:00Z');
    expect(inboxSeenAt('ana')).toBe('2026-11-02T00:00:00Z');
    expect(inboxSeenAt('bo')).toBeNull();
  });
});
