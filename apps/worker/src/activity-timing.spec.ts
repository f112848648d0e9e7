import type { Context as ActivityContext } from '@temporalio/activity';
import { activityTiming, type ActivityTiming } from './activity-timing';

describe('activityTiming', () => {
  const ctx = { info: { activityType: 'openTask', isLocal: true } } as unknown as ActivityContext;

  it('reports the activity type, whether it ran locally, its duration and its outcome, and passes the result on', async () => {
    const seen: ActivityTiming[] = [];
    const { inbound } = activityTiming((t) => seen.push(t))(ctx);
    await expect(inbound.execute!({ args: [], headers: {} }, async () => 'done')).resolves.toBe('done');
    const failure = new Error('database down');
    await expect(inbound.execute!({ args: [], headers: {} }, () => Promise.reject(failure))).rejects.toBe(failure);
    expect(seen.map((t) => [t.activity, t.local, t.ok])).toEqual([
      ['openTask', true, true],
      ['openTask', true, false],
    ]);
    expect(seen.every((t) => t.ms >= 0)).toBe(true);
  });
});
