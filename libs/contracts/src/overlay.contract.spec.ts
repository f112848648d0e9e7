import { applySopOverlay, overlayFileProblems, sopOverlayProblems } from './overlay.contract';
import { validateForm } from './forms.contract';
import type { SopDefinition } from './sop.contract';

const SOP: SopDefinition = {
  id: 's',
  version: 3,
  title: 'Test SOP',
  summary: 'A SOP for the overlay tests.',
  seed: ['inferred'],
  workflowType: 'sWorkflow',
  participants: { a: { kind: 'ngo', label: 'NGO' } },
  intake: {
    fields: {
      country: { type: 'string', format: 'country', label: 'Country' },
      shelter: { type: 'enum', label: 'Shelter', options: ['north', 'south'], overlayOptions: true },
    },
  },
  steps: [
    {
      id: 'decide',
      title: 'Decide',
      actor: { slot: 'a', roles: ['worker'] },
      form: { fields: { decision: { type: 'enum', label: 'Decision', options: ['yes', 'no'], required: true } } },
      target: 'P2D',
      seed: ['inferred'],
    },
  ],
  events: [{ type: 'moved', title: 'Moved', reporters: [], form: { fields: {} }, seed: ['inferred'] }],
  transitions: [],
  endStates: [],
};

describe('jurisdiction overlay checks', () => {
  it('accepts targets, intervals, titles, replaceable option lists, countries and labels', () => {
    expect(
      sopOverlayProblems(
        {
          title: 'Prova',
          escalationEvery: 'PT12H',
          steps: { decide: { target: 'P1D', escalationEvery: 'PT6H', title: 'Decidere' } },
          options: { 'intake.shelter': ['casa-a', 'casa-b'], 'intake.country': ['IT', 'RO'] },
          labels: { 'decide.decision': 'Decisione' },
        },
        SOP,
        'sops.s',
      ),
    ).toEqual([]);
  });

  it('names the key and the reason of every problem, never the value', () => {
    const problems = sopOverlayProblems(
      {
        colour: 'red',
        escalationEvery: 'daily',
        steps: { nowhere: { target: 'P1D' }, decide: { target: '-1', owner: 'x' } },
        options: {
          'decide.decision': ['maybe'],
          'intake.country': ['Romania'],
          'intake.shelter': ['Casa Secreta', 'ok'],
          'intake.missing': ['x'],
        },
        labels: { 'intake.shelter': '' },
      },
      SOP,
      'sops.s',
    );
    expect(problems).toEqual([
      'sops.s.colour: not a known setting',
      'sops.s.escalationEvery: must be a positive ISO 8601 duration such as PT12H or P1D',
      'sops.s.steps.nowhere: s has no such step',
      'sops.s.steps.decide.target: must be a positive ISO 8601 duration such as PT12H or P1D',
      'sops.s.steps.decide.owner: not a known setting',
      'sops.s.options.decide.decision: the SOP branches on these options; only fields marked overlayOptions and country fields change',
      'sops.s.options.intake.country: must list ISO 3166-1 alpha-2 codes such as RO',
      'sops.s.options.intake.shelter: options must be keys of lower-case letters, digits and dashes',
      'sops.s.options.intake.missing: s has no such field (intake.<field>, <step>.<field> or event:<type>.<field>)',
      'sops.s.labels.intake.shelter: must be a text of 1-200 characters',
    ]);
    expect(problems.join('\n')).not.toMatch(/Romania|Casa Secreta|red|daily/);
  });

  it('checks the file: its name, known SOPs only', () => {
    expect(overlayFileProblems({ name: 'it-veneto', sops: { s: {} } }, [SOP])).toEqual([]);
    expect(overlayFileProblems({ name: '', sops: { t: {} }, extra: 1 }, [SOP])).toEqual([
      'extra: not a known setting',
      'name: must name the overlay (1-64 letters, digits, dots, dashes, underscores)',
      'sops.t: must be one of s',
    ]);
    expect(overlayFileProblems([], [SOP])).toEqual(['(file): must hold a JSON object']);
  });
});

describe('applying an overlay', () => {
  const overlaid = applySopOverlay(SOP, {
    title: 'Prova',
    escalationEvery: 'PT12H',
    steps: { decide: { target: 'P1D', escalationEvery: 'PT6H' } },
    options: { 'intake.shelter': ['casa-a'], 'intake.country': ['IT', 'RO'] },
    labels: { 'decide.decision': 'Decisione' },
  });

  it('changes what it names and nothing else', () => {
    expect(overlaid.title).toBe('Prova');
    expect(overlaid.version).toBe(3);
    expect(overlaid.escalation).toEqual({ every: 'PT12H', chain: ['slot-supervisors', 'lead-coordinators'] });
    expect(overlaid.steps[0]).toMatchObject({ target: 'P1D', escalation: { every: 'PT6H' } });
    expect(overlaid.steps[0].form.fields.decision).toMatchObject({ label: 'Decisione', options: ['yes', 'no'] });
    expect(overlaid.intake.fields.shelter.options).toEqual(['casa-a']);
    expect(SOP.intake.fields.shelter.options).toEqual(['north', 'south']);
    expect(applySopOverlay(SOP, undefined)).toBe(SOP);
  });

  it('validates forms against the overlaid lists', () => {
    expect(validateForm(overlaid.intake, { shelter: 'casa-a', country: 'IT' })).toEqual([]);
    expect(validateForm(overlaid.intake, { shelter: 'north', country: 'FR' })).toEqual([
      { field: 'country', reason: 'must be one of the countries this deployment serves: IT, RO' },
      { field: 'shelter', reason: 'must be one of: casa-a' },
    ]);
  });
});
