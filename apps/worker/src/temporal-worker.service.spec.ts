import { defaultMaxCachedWorkflows } from './temporal-worker.service';

describe('defaultMaxCachedWorkflows', () => {
  const GiB = 2 ** 30;

  it('keeps one case per 64 MiB of memory', () => {
    expect(defaultMaxCachedWorkflows(24 * GiB)).toBe(384);
    expect(defaultMaxCachedWorkflows(8 * GiB)).toBe(128);
  });

  it('stays between 50 and 500 cases', () => {
    expect(defaultMaxCachedWorkflows(1 * GiB)).toBe(50);
    expect(defaultMaxCachedWorkflows(256 * GiB)).toBe(500);
  });
});
