import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { TimelinessExportQueryDto } from './timeliness-export-query.dto';
import { TimelinessQueryDto } from './timeliness-query.dto';

const problems = (cls: new () => object, query: Record<string, unknown>) =>
  validateSync(plainToInstance(cls, query)).flatMap((e) => Object.values(e.constraints ?? {}));

describe('timeliness query validation', () => {
  it('accepts dates and date-times with an offset', () => {
    for (const from of ['2025-01-31', '2025-01-31T08:00Z', '2025-01-31T08:00:00.123+02:00']) {
      expect(problems(TimelinessQueryDto, { from })).toEqual([]);
    }
  });

  it('refuses other shapes and impossible dates with one reason each', () => {
    for (const from of ['yesterday', '2025-02-30', '2025-01-31T08:00:00', '2025-W05', '20250131']) {
      expect(problems(TimelinessQueryDto, { from })).toEqual([expect.stringMatching(/^from must be an ISO 8601 date/)]);
    }
  });

  it('checks ids and the export format', () => {
    expect(problems(TimelinessQueryDto, { sop: 'Demo Handoff' })).toEqual([
      'sop must be an SOP id such as demo-handoff',
    ]);
    expect(problems(TimelinessExportQueryDto, { format: 'xlsx' })).toEqual(['format must be csv or json']);
    expect(plainToInstance(TimelinessExportQueryDto, {}).format).toBe('csv');
  });
});
