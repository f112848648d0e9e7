import { dashboardStatement, exportCasesStatement, exportStatisticsStatement } from './timeliness-sql';

const now = new Date('2025-03-01T00:00:00Z');

describe('timeliness statements', () => {
  it('binds every value as a parameter, never into the SQL text', () => {
    const hostile = "x'; DROP TABLE tasks; --";
    const scope = {
      agencyId: hostile,
      sop: hostile,
      step: hostile,
      from: new Date('2025-01-01Z'),
      before: new Date('2025-02-01Z'),
    };
    for (const { sql, params } of [
      dashboardStatement(scope, now),
      exportStatisticsStatement(scope, now),
      exportCasesStatement(scope),
    ]) {
      expect(sql).not.toContain('DROP');
      expect(params[0]).toBe(hostile);
      const highest = Math.max(...[...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
      expect(highest).toBe(params.length);
    }
  });

  it('matches escalations to tasks only when a period asks for it', () => {
    expect(dashboardStatement({ agencyId: 'a' }, now).sql).not.toContain('e.task_id IN');
    const dated = dashboardStatement({ agencyId: 'a', from: new Date('2025-01-01Z') }, now);
    expect(dated.sql).toContain(
      'e.task_id IN (SELECT t.id FROM tasks t WHERE t.agency_id = $1 AND t.opened_at >= $2::timestamptz)',
    );
    expect(dated.params).toEqual(['a', '2025-01-01T00:00:00.000Z', '2025-03-01T00:00:00.000Z']);
  });

  it('scopes every read of an agency table to the agency', () => {
    const { sql } = exportStatisticsStatement({ agencyId: 'a', sop: 's' }, now);
    expect(sql).toContain('t.agency_id = $1 AND t.sop = $2');
    expect(sql).toContain('e.agency_id = $1 AND e.sop = $2');
    expect(exportCasesStatement({ agencyId: 'a' }).sql).toContain('WHERE t.agency_id = $1');
  });
});
