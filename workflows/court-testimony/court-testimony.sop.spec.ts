import { decide, validateForm, type CompartmentId, type StepSpec } from '@waymark/contracts';
import { ACCESS_POLICY, SOPS } from '../sops';
import { ADVOCATE_ROLES, NGO_ROLES, POLICE_ROLES, PROSECUTOR_ROLES } from './court-testimony.policy';
import { COURT_TESTIMONY_SOP as SOP } from './court-testimony.sop';

// The checks every SOP passes (seed lines, transitions, codes not names) are in workflows/sops/declarations.spec.ts.
const step = (id: string): StepSpec => SOP.steps.find((s) => s.id === id)!;

/** May the roles of the agency in `slot` read the compartment (no consent given)? */
function reads(slot: string, roles: readonly string[], compartment: CompartmentId): boolean {
  const kind = SOP.participants[slot].kind;
  return decide(ACCESS_POLICY, { sop: SOP.id, compartment, agencyKind: kind, slot, roles, access: 'read' }).allowed;
}

describe('court-testimony declaration', () => {
  it('is registered under its id and workflow type, with the NGO leading', () => {
    expect(SOPS.filter((s) => s.id === 'court-testimony')).toEqual([SOP]);
    expect(SOP.workflowType).toBe('courtTestimonyWorkflow');
    expect(SOP.lead).toEqual({ slot: 'ngo', coordinatorRoles: ['ngo-coordinator'] });
    expect(SOP.steps.length).toBeGreaterThanOrEqual(6);
  });

  it('keeps the support notes and the police measures apart, each way; the hearing is shared', () => {
    const police = (c: CompartmentId) => reads('police', POLICE_ROLES, c);
    const prosecutor = (c: CompartmentId) => reads('prosecutor', PROSECUTOR_ROLES, c);
    const ngo = (c: CompartmentId) => reads('ngo', NGO_ROLES, c);
    const lawyer = (c: CompartmentId) => reads('advocate', ADVOCATE_ROLES, c);
    const origin = (c: CompartmentId) => reads('origin-ngo', NGO_ROLES, c);
    for (const c of ['protection', 'return'] as const) {
      expect({ c, police: police(c), prosecutor: prosecutor(c) }).toEqual({ c, police: false, prosecutor: false });
      expect({ c, ngo: ngo(c), origin: origin(c) }).toEqual({ c, ngo: true, origin: true });
    }
    expect({ police: police('inspection'), prosecutor: prosecutor('inspection') }).toEqual({
      police: true,
      prosecutor: true,
    });
    expect({ ngo: ngo('inspection'), lawyer: lawyer('inspection'), origin: origin('inspection') }).toEqual({
      ngo: false,
      lawyer: false,
      origin: false,
    });
    // The witness's lawyer reads the support notes but not the travel; everyone reads the request and the hearing.
    expect({ protection: lawyer('protection'), return: lawyer('return') }).toEqual({ protection: true, return: false });
    for (const [slot, roles] of [
      ['police', POLICE_ROLES],
      ['prosecutor', PROSECUTOR_ROLES],
      ['ngo', NGO_ROLES],
      ['advocate', ADVOCATE_ROLES],
      ['origin-ngo', NGO_ROLES],
    ] as const)
      expect({ slot, intake: reads(slot, roles, 'intake') }).toEqual({ slot, intake: true });
  });

  it('lets the witness decide: a decline ends the case, and nothing branches on cooperation', () => {
    expect(step('testimony-decision')).toMatchObject({ pausesAgencyClock: true });
    expect(step('testimony-decision').target).toBeUndefined();
    const out = SOP.transitions.filter((t) => t.from === 'testimony-decision');
    expect(out.find((t) => t.when === 'decision = declines')?.to).toBe('declined-to-testify');
    const declined = SOP.endStates.find((e) => e.id === 'declined-to-testify')!;
    expect(declined.personOutcome).toBe('assisted');
    expect(SOP.events?.find((e) => e.type === 'witness-withdraws')?.endsCaseAs).toBe('declined-to-testify');
    const fields = SOP.steps.flatMap((s) => Object.keys(s.form.fields));
    expect(fields.filter((f) => /cooperat/i.test(f))).toEqual([]);
  });

  it('asks for consent before the police assess the risk, and gives the police only that step', () => {
    expect(step('risk-assessment').requiresConsent).toEqual({
      purpose: 'sharing',
      withSlot: 'police',
      scope: ['needs-and-risks'],
    });
    expect(SOP.steps.filter((s) => s.actor.slot === 'police').map((s) => s.id)).toEqual(['risk-assessment']);
  });

  it('derives the preparation deadline from the hearing date and refuses travel after it', () => {
    const deadline = SOP.dataDeadlines!.find((d) => d.id === 'hearing-date')!;
    expect(deadline.from).toBe('confirm-hearing.hearingDate');
    expect([...deadline.appliesTo!].sort()).toEqual(['book-travel', 'lawyer-meeting', 'pre-trial-support']);
    expect(step('book-travel').form.fields.outboundDate.notAfter).toBe('hearing-date');
    expect(step('lawyer-meeting').form.fields.meetingOn.notAfter).toBe('hearing-date');
    expect(SOP.events?.find((e) => e.type === 'hearing-postponed')?.reopens).toEqual({
      step: 'confirm-hearing',
      limit: 3,
      until: 'hearing-escort',
    });
  });

  it('brings in the NGO in the witness’s country only for a court abroad, and lets the lawyer join late', () => {
    expect(SOP.participants['origin-ngo'].onlyWhen).toEqual({ field: 'courtInAnotherCountry', equals: true });
    expect(step('book-travel').actor.slot).toBe('origin-ngo');
    expect(SOP.participants.advocate.changeable).toBeDefined();
    expect(validateForm(SOP.intake, { requestCode: 'Maria Rossi', witnessCode: 'P1' })).toEqual(
      expect.arrayContaining([{ field: 'requestCode', reason: expect.stringMatching(/^must match/) }]),
    );
  });
});
