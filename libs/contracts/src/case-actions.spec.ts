import { CASE_ACTION_RULES, allowedCaseActions, caseLead, decideCaseAction, type CaseActionRule } from './case-actions';
import { buildAccessPolicy } from './policy';

const ACCESS_POLICY = buildAccessPolicy([]);
import type { SopDefinition } from './sop.contract';

const FORM = { fields: {} };
const sop = (extra: Partial<SopDefinition> = {}): SopDefinition => ({
  id: 's',
  version: 1,
  title: 'S',
  summary: '',
  seed: [],
  workflowType: 'sWorkflow',
  participants: {
    lead: { kind: 'ngo', label: 'Lead NGO' },
    partner: { kind: 'police', label: 'Police', supervisorRoles: ['chief'] },
  },
  lead: { slot: 'lead', coordinatorRoles: ['ngo-coordinator'] },
  intake: FORM,
  steps: [{ id: 'first', title: 'First', actor: { slot: 'partner', roles: ['officer'] }, form: FORM, seed: [] }],
  transitions: [],
  endStates: [],
  ...extra,
});
const PARTICIPANTS = { lead: 'ngo-1', partner: 'police-1' };
const caller = (agencyId: string, ...roles: string[]) => ({ agencyId, roles });
const cancel = (who: { agencyId: string; roles: string[] }, s = sop()) =>
  decideCaseAction(CASE_ACTION_RULES, s, PARTICIPANTS, who, 'case:cancel');
const erase = (who: { agencyId: string; roles: string[] }) =>
  decideCaseAction(CASE_ACTION_RULES, sop(), PARTICIPANTS, who, 'case:erase');

describe('case-level actions', () => {
  it('are part of the served access policy', () => {
    expect(ACCESS_POLICY.caseActions).toBe(CASE_ACTION_RULES);
    expect(ACCESS_POLICY.caseActions.map((r) => [r.id, r.actions])).toEqual([
      ['lead-coordinator-cancels', ['case:cancel']],
      ['lead-coordinator-changes-participants', ['case:change-participants']],
      ['lead-coordinator-links-cases', ['case:link']],
      ['lead-data-protection-erases', ['case:erase']],
    ]);
  });

  it("define the lead from the SOP's declaration, with the slot's supervisor roles as coordinators too", () => {
    expect(caseLead(sop())).toEqual({ slot: 'lead', coordinatorRoles: ['ngo-coordinator', 'supervisor', 'manager'] });
    // Undeclared: the slot acting in the first step leads, coordinated by its own supervisor roles.
    expect(caseLead(sop({ lead: undefined }))).toEqual({ slot: 'partner', coordinatorRoles: ['chief'] });
  });

  it("let the lead agency's coordinator and supervisors cancel", () => {
    expect(cancel(caller('ngo-1', 'ngo-coordinator'))).toEqual({
      allowed: true,
      reason: 'allowed by lead-coordinator-cancels',
      rule: 'lead-coordinator-cancels',
    });
    expect(cancel(caller('ngo-1', 'manager')).allowed).toBe(true);
    expect(cancel(caller('ngo-1', 'ngo-caseworker', 'supervisor')).allowed).toBe(true);
  });

  it.each([
    ['a caseworker of the lead agency', caller('ngo-1', 'ngo-caseworker')],
    ['an auditor of the lead agency', caller('ngo-1', 'auditor')],
    ['an operator of the lead agency', caller('ngo-1', 'operator')],
    ['the lead data-protection officer', caller('ngo-1', 'data-protection-officer')],
    ["a non-lead participant's coordinator", caller('police-1', 'ngo-coordinator', 'chief', 'supervisor')],
  ])('refuse a cancellation by %s, naming the lead and the roles', (_who, who) => {
    expect(cancel(who)).toEqual({
      allowed: false,
      reason:
        'Cancelling this case needs one of the roles ngo-coordinator, supervisor, manager of the lead agency (Lead NGO)',
      rule: 'lead-coordinator-cancels',
    });
  });

  it('refuse an agency taking no part in the case, even with the right role name', () => {
    expect(cancel(caller('ngo-2', 'ngo-coordinator'))).toEqual({
      allowed: false,
      reason: 'Your agency takes no part in this case',
    });
  });

  it("let only the lead agency's data-protection officer (or platform admin) erase", () => {
    expect(erase(caller('ngo-1', 'data-protection-officer')).allowed).toBe(true);
    expect(erase(caller('ngo-1', 'platform-admin')).allowed).toBe(true);
    expect(erase(caller('ngo-1', 'ngo-coordinator')).reason).toBe(
      'Erasing this case needs one of the roles data-protection-officer, platform-admin of the lead agency (Lead NGO)',
    );
    expect(erase(caller('police-1', 'data-protection-officer')).allowed).toBe(false);
    expect(erase(caller('ngo-1', 'auditor')).allowed).toBe(false);
  });

  it('list the actions a caller may take, and none when no rule grants one', () => {
    expect(allowedCaseActions(CASE_ACTION_RULES, sop(), PARTICIPANTS, caller('ngo-1', 'ngo-coordinator'))).toEqual([
      'case:cancel',
      'case:change-participants',
      'case:link',
    ]);
    expect(
      allowedCaseActions(
        CASE_ACTION_RULES,
        sop(),
        PARTICIPANTS,
        caller('ngo-1', 'supervisor', 'data-protection-officer'),
      ),
    ).toEqual(['case:cancel', 'case:erase', 'case:change-participants', 'case:link']);
    expect(allowedCaseActions(CASE_ACTION_RULES, sop(), PARTICIPANTS, caller('police-1', 'chief'))).toEqual([]);
    const onlyOther: CaseActionRule[] = [{ ...CASE_ACTION_RULES[0], sops: ['another-sop'] }];
    expect(decideCaseAction(onlyOther, sop(), PARTICIPANTS, caller('ngo-1', 'ngo-coordinator'), 'case:cancel')).toEqual(
      { allowed: false, reason: 'no rule grants it' },
    );
  });
});
