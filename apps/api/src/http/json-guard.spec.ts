import { exceedsJsonDepth, findHostileValue, findUrlProblem, isAcceptedJsonType, parseMediaType } from './json-guard';
import { safeFieldName } from './http-error';

describe('exceedsJsonDepth', () => {
  it('counts nesting outside strings only', () => {
    expect(exceedsJsonDepth('{"a":[{"b":[]}]}', 4)).toBe(false);
    expect(exceedsJsonDepth('{"a":[{"b":[]}]}', 3)).toBe(true);
    expect(exceedsJsonDepth('{"a":"[[[[[[[[[[{{{{{{"}', 1)).toBe(false);
    expect(exceedsJsonDepth('{"a":"\\"[[[[["}', 1)).toBe(false);
  });

  it('stops early on a 100,000-deep text', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(exceedsJsonDepth(deep, 32)).toBe(true);
    expect(exceedsJsonDepth(deep, 200_000)).toBe(false);
  });
});

describe('findHostileValue', () => {
  it.each(['__proto__', 'constructor', 'prototype'])('refuses %s at any depth, naming the path', (key) => {
    const value: unknown = JSON.parse(`{"a":{"b":[{"${key}":{"x":1}}]}}`);
    expect(findHostileValue(value)).toEqual({
      field: `a.b[0].${key}`,
      reason: 'is a reserved name and is not accepted',
    });
    expect(findHostileValue(JSON.parse(`{"${key}":1}`))).toEqual(expect.objectContaining({ field: key }));
  });

  it('refuses NUL in strings and keys, and accepts ordinary data', () => {
    expect(findHostileValue({ a: ['ok', 'x\u0000y'] })).toEqual({
      field: 'a[1]',
      reason: 'must not contain NUL characters',
    });
    expect(findHostileValue({ ['k\u0000']: 1 })).toEqual(
      expect.objectContaining({ reason: 'must not contain NUL characters' }),
    );
    expect(findHostileValue({ a: 1, b: [true, null, { c: 'constructor' }], prototypes: 'x' })).toBeUndefined();
  });

  it('cuts long keys in the field name', () => {
    const long = 'k'.repeat(10_000);
    const found = findHostileValue({ [long]: { __proto__x: 1, prototype: 1 } });
    expect(found?.field.length).toBeLessThan(100);
    expect(safeFieldName('a\u0000b\nc')).toBe('abc');
  });
});

describe('media types', () => {
  it.each([
    ['application/json', true],
    ['Application/JSON; charset=UTF-8', true],
    ['application/json; charset="utf-8"', true],
    ['application/merge-patch+json', true],
    ['application/json; charset=latin1', false],
    ['application/json; charset=utf-16', false],
    ['application/x-www-form-urlencoded', false],
    ['text/plain', false],
    ['multipart/form-data; boundary=x', false],
    ['', false],
  ])('%s accepted: %s', (header, accepted) => {
    expect(isAcceptedJsonType(parseMediaType(header))).toBe(accepted);
  });
});

describe('findUrlProblem', () => {
  it('accepts ordinary paths and queries', () => {
    expect(findUrlProblem('/tasks?step=a%20b&caseId=00000000-0000-4000-8000-000000000000')).toBeUndefined();
    expect(findUrlProblem('/cases/%C3%A9')).toBeUndefined();
  });

  it.each([
    ['/tasks?step=%00', 'query.step', 'NUL'],
    ['/cases/a%00b', 'path', 'NUL'],
    ['/tasks?step=%ff', 'query.step', 'UTF-8'],
    ['/tasks?%E0%A4%A=1', 'query', 'UTF-8'],
    ['/tasks?__proto__[x]=1', 'query.__proto__[x]', 'reserved'],
    ['/tasks?constructor=1', 'query.constructor', 'reserved'],
  ])('%s → %s', (url, field, reason) => {
    expect(findUrlProblem(url)).toEqual({ field, reason: expect.stringContaining(reason) });
  });

  it('refuses raw bytes outside printable ASCII', () => {
    expect(findUrlProblem('/tasks?step=\u00e9')).toEqual(expect.objectContaining({ field: 'url' }));
  });
});
