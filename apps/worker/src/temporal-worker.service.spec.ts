import { defaultMaxCachedWorkflows } from './temporal-worker.service';

describe('defaultMaxCachedWorkflows', () => {
  const GiB = 2 ** 30;

  it('keeps one case per 512 MiB of memory', () => {
    expect(defaultMaxCachedWorkflows(32 * GiB)).toBe(64);
    expect(defaultMaxCachedWorkflows(64 * GiB)).toBe(128);
  });

  it('stays between 50 and 250', () => {
    expect(defaultMaxCachedWorkflows(1 * GiB)).toBe(50);
    expect(defaultMaxCachedWorkflows(8 * GiB)).toBe(50);
    expect(defaultMaxCachedWorkflows(24 * GiB)).toBe(50);
    expect(defaultMaxCachedWorkflows(256 * GiB)).toBe(250);
  });
});
