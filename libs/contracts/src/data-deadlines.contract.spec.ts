import { ASSISTED_RETURN_SOP } from '../../../workflows/assisted-return/assisted-return.sop';
import {
  computeDataDeadline,
  computeDataDeadlines,
  dataDeadlineDeclarationErrors,
  deadlineAlerts,
  notAfterErrors,
  shiftByDuration,
  type DataDeadlineSpec,
} from './data-deadlines.contract';
import type { FormSpec } from './forms.contract';

const AGE_OUT: DataDeadlineSpec = {
  id: 'age-out',
  label: "child's 18th birthday",
  from: 'intake.dateOfBirth',
  add: 'P18Y',
  warnBefore: 'P60D',
  escalateBefore: 'P30D',
  seed: ['inferred'],
};
const EXPIRY: DataDeadlineSpec = {
  id: 'travel-document-expiry',
  label: 'expiry of the travel document',
  from: 'travel-document-issued.validUntil',
  warnBefore: 'P14D',
  seed: ['inferred'],
};
const LIMIT: DataDeadlineSpec = {
  id: 'travel-limit',
  label: 'medical travel limit',
  from: 'prepare.fitToTravelUntil',
  warnBefore: 'P21D',
  escalateBefore: 'P7D',
  seed: ['inferred'],
};
const none = { intake: {}, latest: {} };

describe('shiftByDuration', () => {
  const at = (iso: string, d: string, sign: 1 | -1 = 1) => shiftByDuration(new Date(iso), d, sign).toISOString();

  it('adds years on the calendar: 18 years after a birthday is that birthday, not 18 x 365 days', () => {
    expect(at('2008-03-10T00:00:00Z', 'P18Y')).toBe('2026-03-10T00:00:00.000Z');
    expect(at('2007-12-31T00:00:00Z', 'P18Y')).toBe('2025-12-31T00:00:00.000Z');
  });

  it('takes 29 February to 28 February in a common year (the earlier reading) and keeps it in a leap year', () => {
    expect(at('2008-02-29T00:00:00Z', 'P18Y')).toBe('2026-02-28T00:00:00.000Z');
    expect(at('2008-02-29T00:00:00Z', 'P16Y')).toBe('2024-02-29T00:00:00.000Z');
  });

  it('clamps months to the last day, counts weeks, days and time, and goes back with sign -1', () => {
    expect(at('2026-01-31T00:00:00Z', 'P1M')).toBe('2026-02-28T00:00:00.000Z');
    expect(at('2028-01-31T00:00:00Z', 'P1M')).toBe('2028-02-29T00:00:00.000Z');
    expect(at('2026-03-01T00:00:00Z', 'P1W2DT3H4M5S')).toBe('2026-03-10T03:04:05.000Z');
    expect(at('2026-03-31T00:00:00Z', 'P1M', -1)).toBe('2026-02-28T00:00:00.000Z');
    expect(at('2026-01-01T00:00:00Z', 'P1D', -1)).toBe('2025-12-31T00:00:00.000Z');
  });

  it('refuses what is not an ISO 8601 duration', () => {
    expect(() => shiftByDuration(new Date(), '18 years')).toThrow(/not a supported/);
    expect(() => shiftByDuration(new Date(), 'PT')).toThrow(/not a supported/);
  });
});

describe('computeDataDeadline', () => {
  it('reads a plain date as the start of its day in UTC and adds the declared duration', () => {
    expect(computeDataDeadline(AGE_OUT, { intake: { dateOfBirth: '2009-07-01' }, latest: {} })).toEqual({
      id: 'age-out',
      label: "child's 18th birthday",
      at: '2027-07-01T00:00:00.000Z',
    });
  });

  it('keeps a full timestamp to the second', () => {
    const sources = { intake: {}, latest: { 'travel-document-issued': { validUntil: '2026-12-03T18:00:05.250Z' } } };
    expect(computeDataDeadline(EXPIRY, sources).at).toBe('2026-12-03T18:00:05.250Z');
  });

  it('has no date while the source has none (or an unreadable one)', () => {
    expect(computeDataDeadlines([AGE_OUT, EXPIRY], none)).toEqual([
      { id: 'age-out', label: "child's 18th birthday" },
      { id: 'travel-document-expiry', label: 'expiry of the travel document' },
    ]);
    expect(computeDataDeadline(AGE_OUT, { intake: { dateOfBirth: 'soon' }, latest: {} }).at).toBeUndefined();
  });

  it('is recomputed from the latest data: a later form or event replaces the date', () => {
    const first = computeDataDeadline(LIMIT, { intake: {}, latest: { prepare: { fitToTravelUntil: '2027-01-20' } } });
    const later = computeDataDeadline(LIMIT, { intake: {}, latest: { prepare: { fitToTravelUntil: '2027-01-05' } } });
    expect([first.at, later.at]).toEqual(['2027-01-20T00:00:00.000Z', '2027-01-05T00:00:00.000Z']);
  });
});

describe('deadlineAlerts', () => {
  it('warns and escalates before the deadline; without escalateBefore, halfway from the reminder', () => {
    const at = new Date('2027-07-01T00:00:00Z');
    expect(deadlineAlerts(AGE_OUT, at)).toEqual({
      warnAt: new Date('2027-05-02T00:00:00Z'),
      escalateAt: new Date('2027-06-01T00:00:00Z'),
    });
    expect(deadlineAlerts(EXPIRY, at).escalateAt).toEqual(new Date('2027-06-24T00:00:00Z'));
  });
});

describe('notAfterErrors', () => {
  const form: FormSpec = {
    fields: {
      departureDate: { type: 'date', label: 'Departure', notAfter: ['travel-document-expiry', 'travel-limit'] },
      note: { type: 'text', label: 'Note', personal: true },
    },
  };
  const deadlines = [
    { id: 'travel-document-expiry', label: 'expiry of the travel document', at: '2027-02-01T00:00:00.000Z' },
    { id: 'travel-limit', label: 'medical travel limit', at: '2027-01-10T00:00:00.000Z' },
  ];

  it('lets a date on or before every deadline through, compared by day for a plain date', () => {
    expect(notAfterErrors(form, { departureDate: '2027-01-10' }, deadlines)).toEqual([]);
    expect(notAfterErrors(form, { departureDate: '2027-01-10T23:00:00Z' }, deadlines)).toHaveLength(1);
  });

  it('names the field and the earliest deadline broken, never the value', () => {
    const errors = notAfterErrors(form, { departureDate: '2027-03-01' }, deadlines);
    expect(errors).toEqual([
      {
        field: 'departureDate',
        reason: 'must not be after the medical travel limit (deadline travel-limit)',
      },
    ]);
    expect(JSON.stringify(errors)).not.toContain('2027');
  });

  it('checks nothing against a deadline not known yet', () => {
    expect(notAfterErrors(form, { departureDate: '2099-01-01' }, [{ id: 'travel-limit', label: 'x' }])).toEqual([]);
  });
});

describe('dataDeadlineDeclarationErrors', () => {
  it('finds nothing wrong in the assisted return', () => {
    expect(ASSISTED_RETURN_SOP.dataDeadlines?.map((d) => d.id)).toEqual([
      'travel-document-expiry',
      'travel-limit',
      'age-out',
    ]);
    expect(dataDeadlineDeclarationErrors(ASSISTED_RETURN_SOP)).toEqual([]);
  });

  it('names a source that is no date field, a bad duration, an unknown step and a notAfter naming nothing', () => {
    const errors = dataDeadlineDeclarationErrors({
      intake: { fields: { isMinor: { type: 'boolean', label: 'Minor' } } },
      steps: [{ id: 'book', form: { fields: { on: { type: 'date', label: 'On', notAfter: 'nope' } } } }],
      dataDeadlines: [{ ...AGE_OUT, from: 'intake.isMinor', add: '18Y', appliesTo: ['missing'] }],
    });
    expect(errors).toEqual([
      'deadline age-out: intake.isMinor is not a date field of the intake, a step or an event',
      'deadline age-out: 18Y is not a duration',
      'deadline age-out: no step missing',
      'book.on: notAfter names no deadline nope',
    ]);
  });
});
