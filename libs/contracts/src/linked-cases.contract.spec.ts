import {
  carriedIntake,
  parseWhen,
  startsCaseApplies,
  startsCaseProblems,
  type StartsCaseSpec,
} from './linked-cases.contract';
import type { FormSpec } from './forms.contract';

const OTHER = {
  id: 'return',
  participants: { lead: {}, partner: {} },
  intake: {
    fields: {
      isMinor: { type: 'boolean', label: 'Minor', required: true },
      country: { type: 'string', format: 'country', label: 'Country', required: true },
      channel: { type: 'enum', label: 'Channel', options: ['police', 'ngo'] },
    },
  } as FormSpec,
};

const THIS = {
  id: 'operation',
  participants: { ngo: {}, police: {} },
  intake: { fields: { code: { type: 'string', label: 'Code', required: true } } } as FormSpec,
  steps: [
    {
      id: 'refer',
      form: {
        fields: {
          referral: { type: 'enum', label: 'Referral', required: true, options: ['refer', 'not-now'] },
          minor: { type: 'boolean', label: 'Minor', required: true },
          country: { type: 'string', format: 'country', label: 'Country', required: true },
          loose: { type: 'string', label: 'Free string', required: true },
          via: { type: 'enum', label: 'Via', required: true, options: ['police', 'ngo', 'hotline'] },
          note: { type: 'text', label: 'Note', personal: true },
        },
      } as FormSpec,
    },
  ],
};

const spec = (over: Partial<StartsCaseSpec> = {}): StartsCaseSpec => ({
  sop: 'return',
  when: 'referral = refer',
  carry: { isMinor: 'refer.minor', country: 'refer.country' },
  participants: { lead: 'ngo' },
  consent: { purpose: 'return', scope: ['travel'] },
  seed: ['L1'],
  ...over,
});

const problems = (s: StartsCaseSpec) => startsCaseProblems(THIS, 'refer', s, [OTHER]);

describe('startsCase declarations', () => {
  it('accept a sound declaration', () => {
    expect(problems(spec())).toEqual([]);
  });

  it('refuse a target field the other intake lacks, a misfit type, a missing required field and unknown slots', () => {
    expect(problems(spec({ carry: { isMinor: 'refer.minor', country: 'refer.country', age: 'refer.minor' } }))).toEqual(
      ["operation.refer.startsCase.carry.age: return's intake has no such field"],
    );
    expect(problems(spec({ carry: { isMinor: 'refer.country', country: 'refer.loose' } }))).toEqual([
      'operation.refer.startsCase.carry.isMinor: refer.country is a string, the target takes a boolean',
      'operation.refer.startsCase.carry.country: refer.loose is not a country code field',
    ]);
    expect(
      problems(spec({ carry: { isMinor: 'refer.minor', country: 'refer.country', channel: 'refer.via' } })),
    ).toEqual(['operation.refer.startsCase.carry.channel: refer.via has options the target does not take: hotline']);
    expect(problems(spec({ carry: { isMinor: 'refer.minor' } }))).toEqual([
      "operation.refer.startsCase.carry: return's required country is not carried",
    ]);
    expect(problems(spec({ carry: { isMinor: 'nowhere.minor', country: 'intake.code' } }))).toEqual([
      "operation.refer.startsCase.carry.isMinor: nowhere.minor is not '<stepId>.<field>' or 'intake.<field>' of operation",
      'operation.refer.startsCase.carry.country: intake.code is not a country code field',
    ]);
    expect(problems(spec({ participants: { boss: 'ngo', partner: 'army' } }))).toEqual([
      'operation.refer.startsCase.participants.boss: return has no such slot',
      'operation.refer.startsCase.participants.partner: operation has no slot army',
    ]);
    expect(problems(spec({ sop: 'nope' }))).toEqual(['operation.refer.startsCase.sop: no SOP nope']);
    expect(problems(spec({ when: 'referral = maybe' }))).toEqual([
      'operation.refer.startsCase.when: maybe is not an option of referral',
    ]);
    expect(problems(spec({ when: 'nothing here' }))).toEqual([
      "operation.refer.startsCase.when: must be 'field = value' over a field of the step's form",
    ]);
  });

  it('carry only the declared fields, from the step or the intake, and apply only when the form says so', () => {
    const form = { referral: 'refer', minor: true, country: 'RO', note: 'never carried' };
    const s = spec({ carry: { isMinor: 'refer.minor', country: 'refer.country', channel: 'intake.code' } });
    expect(
      carriedIntake(s, { intake: { code: 'OP-1', other: 'x' }, step: (id) => (id === 'refer' ? form : undefined) }),
    ).toEqual({
      isMinor: true,
      country: 'RO',
      channel: 'OP-1',
    });
    expect(carriedIntake(s, { intake: {}, step: () => undefined })).toEqual({});
    expect(startsCaseApplies(s, form)).toBe(true);
    expect(startsCaseApplies(s, { ...form, referral: 'not-now' })).toBe(false);
    expect(startsCaseApplies(spec({ when: undefined }), {})).toBe(true);
    expect(parseWhen('futureOption = assisted-return')).toEqual({ field: 'futureOption', value: 'assisted-return' });
    expect(parseWhen('a = b = c')).toBeUndefined();
  });
});
