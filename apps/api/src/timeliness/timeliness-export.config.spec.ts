import { loadEnv } from '@waymark/config';
import { DEFAULT_EXPORT_MIN_CELL, exportConfigFrom } from './timeliness-export.config';

describe('export config', () => {
  it('defaults the export threshold to 11 when the environment does not declare it', () => {
    expect(DEFAULT_EXPORT_MIN_CELL).toBe(11);
    expect(exportConfigFrom({ env: loadEnv({}) })).toEqual({ exportMinCell: 11 });
  });

  it('takes a declared threshold, but never one that would switch suppression off', () => {
    const withValue = (v: unknown) => exportConfigFrom({ env: { ...loadEnv({}), EXPORT_MIN_CELL: v } as never });
    expect(withValue(20).exportMinCell).toBe(20);
    expect(withValue(1).exportMinCell).toBe(11);
    expect(withValue(2.5).exportMinCell).toBe(11);
    expect(withValue('15').exportMinCell).toBe(11);
  });
});
