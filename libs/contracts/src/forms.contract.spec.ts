import { formToJsonSchema, validateForm, type FormSpec } from './forms.contract';
import { COUNTRY_CODES } from './countries';
import { durationToMs } from './sop.contract';

const form: FormSpec = {
  fields: {
    name: { type: 'string', label: 'Name', required: true, maxLength: 5, personal: true },
    count: { type: 'integer', label: 'Count', min: 0, max: 3 },
    kind: { type: 'enum', label: 'Kind', options: ['a', 'b'] },
    on: { type: 'date', label: 'On' },
    tags: { type: 'string-list', label: 'Tags' },
    ok: { type: 'boolean', label: 'OK' },
  },
};

describe('validateForm', () => {
  it('accepts a valid form', () => {
    expect(validateForm(form, { name: 'Ada', count: 2, kind: 'a', on: '2026-01-02', tags: ['x'], ok: false })).toEqual(
      [],
    );
  });

  it('names every bad field and never echoes values', () => {
    const errors = validateForm(form, {
      name: 'Secretname',
      count: 9,
      kind: 'z',
      on: '02/01/2026',
      tags: [1],
      ok: 'y',
      extra: 1,
    });
    expect(errors).toEqual([
      { field: 'extra', reason: 'is not a field of this form' },
      { field: 'name', reason: 'must be at most 5 characters' },
      { field: 'count', reason: 'must be at most 3' },
      { field: 'kind', reason: 'must be one of: a, b' },
      { field: 'on', reason: 'must be an ISO 8601 date (YYYY-MM-DD or a full timestamp)' },
      { field: 'tags', reason: 'must be a list of strings of at most 200 characters' },
      { field: 'ok', reason: 'must be true or false' },
    ]);
    expect(JSON.stringify(errors)).not.toContain('Secretname');
  });

  it('requires required fields and rejects non-objects', () => {
    expect(validateForm(form, {})).toEqual([{ field: 'name', reason: 'is required' }]);
    expect(validateForm(form, { name: '   ' })).toEqual([{ field: 'name', reason: 'must not be empty' }]);
    expect(validateForm(form, [])).toEqual([{ field: 'form', reason: 'must be an object' }]);
  });
});

describe('patterns', () => {
  const codes: FormSpec = {
    fields: {
      workers: { type: 'string-list', label: 'Codes', pattern: '^W[0-9]{1,3}$', patternHint: 'codes like W1' },
    },
  };
  it('rejects values that do not match, without echoing them', () => {
    expect(validateForm(codes, { workers: ['W1', 'W22'] })).toEqual([]);
    const errors = validateForm(codes, { workers: ['W1', 'Maria Rossi'] });
    expect(errors).toEqual([{ field: 'workers', reason: 'must be a list of values matching codes like W1' }]);
    expect(JSON.stringify(errors)).not.toContain('Maria');
    expect(formToJsonSchema(codes).properties).toMatchObject({ workers: { items: { pattern: '^W[0-9]{1,3}$' } } });
  });
});

describe('formToJsonSchema', () => {
  it('publishes the same constraints the validator enforces', () => {
    const schema = formToJsonSchema(form);
    expect(schema).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: {
        name: { type: 'string', maxLength: 5, minLength: 1, 'x-personal': true },
        count: { type: 'integer', minimum: 0, maximum: 3 },
        kind: { type: 'string', enum: ['a', 'b'] },
        on: { type: 'string', format: 'date' },
        tags: { type: 'array', items: { type: 'string' } },
        ok: { type: 'boolean' },
      },
    });
  });
});

describe('durationToMs', () => {
  it('reads days, hours, minutes and seconds', () => {
    expect(durationToMs('P2D')).toBe(2 * 86_400_000);
    expect(durationToMs('PT4H30M')).toBe(4.5 * 3_600_000);
    expect(durationToMs('P1DT2S')).toBe(86_400_000 + 2000);
  });
  it('rejects what it cannot read', () => {
    expect(() => durationToMs('P1W')).toThrow(/not a supported/);
    expect(() => durationToMs('P')).toThrow();
    expect(() => durationToMs('PT')).toThrow();
  });
});

describe('country and planned-date fields', () => {
  const planned: FormSpec = {
    fields: {
      country: { type: 'string', format: 'country', label: 'Country' },
      on: { type: 'date', notBefore: 'today', label: 'Planned on' },
    },
  };
  const iso = (days: number) => new Date(Date.now() + days * 864e5).toISOString().slice(0, 10);

  it('takes assigned ISO 3166-1 alpha-2 codes only, never a name', () => {
    expect(validateForm(planned, { country: 'RO' })).toEqual([]);
    expect(validateForm(planned, { country: 'XK' })).toEqual([]);
    for (const country of ['R', 'ro', 'Ro', 'QQ', 'UK', 'Romania']) {
      expect(validateForm(planned, { country }).map((e) => e.field)).toEqual(['country']);
    }
    expect(JSON.stringify(validateForm(planned, { country: 'Romania' }))).not.toContain('Romania');
    expect(COUNTRY_CODES).toHaveLength(250);
  });

  it('refuses a planned date before yesterday (UTC), takes today and later', () => {
    expect(validateForm(planned, { on: iso(0) })).toEqual([]);
    expect(validateForm(planned, { on: iso(-1) })).toEqual([]);
    expect(validateForm(planned, { on: iso(400) })).toEqual([]);
    expect(validateForm(planned, { on: iso(-2) })).toEqual([{ field: 'on', reason: 'must not be in the past' }]);
  });

  it('publishes both rules in the JSON Schema', () => {
    const props = formToJsonSchema(planned).properties as Record<string, Record<string, unknown>>;
    expect(props.country).toMatchObject({ type: 'string', 'x-format': 'country', pattern: '^[A-Z]{2}$' });
    expect(props.country.enum).toEqual(COUNTRY_CODES);
    expect(props.on).toMatchObject({ format: 'date', 'x-not-before': 'today' });
  });
});
