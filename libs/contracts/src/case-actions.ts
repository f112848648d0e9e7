import type { Decision } from './policy';
import { SUPERVISOR_ROLES, type SopDefinition } from './sop.contract';

/**
 * Actions on a case as a whole rather than on one of its compartments: cancelling it (POST /cases/:id/cancel, the
 * workflow's `cancelCase` update), erasing it (POST /cases/:id/erase) and putting another agency in a participant
 * slot (POST /cases/:id/participants, the workflow's `changeParticipant` update). Either one ends the case for every agency
 * taking part, so neither is open to every role of every participant (docs/security/case-actions.md).
 */
export const CASE_ACTIONS = ['case:cancel', 'case:erase', 'case:change-participants', 'case:link'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/**
 * A grant of case-level actions. Every grant is to the lead agency only (the agency filling the SOP's lead slot):
 * `roles: 'lead-coordinators'` are the coordinator roles the SOP declares for its lead (see `caseLead`); a list
 * names roles of the lead agency explicitly.
 */
export interface CaseActionRule {
  id: string;
  effect: 'allow';
  sops: readonly string[] | '*';
  actions: readonly CaseAction[];
  agency: 'lead';
  roles: 'lead-coordinators' | readonly string[];
  text: string;
  seed: readonly string[];
}

export const CASE_ACTION_RULES: readonly CaseActionRule[] = [
  {
    id: 'lead-coordinator-cancels',
    effect: 'allow',
    sops: '*',
    actions: ['case:cancel'],
    agency: 'lead',
    roles: 'lead-coordinators',
    text:
      "Only the lead agency's coordinator (or its supervisors) cancels a case: the lead runs the case for every " +
      'agency taking part, and a cancellation closes the other agencies’ tasks too.',
    seed: ['L7651', 'inferred'],
  },
  {
    id: 'lead-coordinator-changes-participants',
    effect: 'allow',
    sops: '*',
    actions: ['case:change-participants'],
    agency: 'lead',
    roles: 'lead-coordinators',
    text:
      "Only the lead agency's coordinator (or its supervisors) puts another agency in a slot while the case runs: " +
      'the agency found later (an origin-country NGO, the NGO the police refer the person to) gets the open tasks ' +
      'of the slot, and the agency it replaces loses access to the case at that moment.',
    seed: ['L6211', 'L6384-L6392', 'L7083-L7084', 'inferred'],
  },
  {
    id: 'lead-coordinator-links-cases',
    effect: 'allow',
    sops: '*',
    actions: ['case:link'],
    agency: 'lead',
    roles: 'lead-coordinators',
    text:
      "Only the lead agency's coordinator (or its supervisors) links the case by hand to another case it can see " +
      '(same operation, same family, follow-on): a link shows the other case’s id and SOP to every agency of both ' +
      'cases, never its content.',
    seed: ['L5569', 'L7651', 'inferred'],
  },
  {
    id: 'lead-data-protection-erases',
    effect: 'allow',
    sops: '*',
    actions: ['case:erase'],
    agency: 'lead',
    roles: ['data-protection-officer', 'platform-admin'],
    text:
      "Only the lead agency's data-protection officer erases a case: erasure destroys every agency's record of it " +
      'for good, so it is a data-protection decision, not a case-management one.',
    seed: ['inferred'],
  },
];

/** The SOP's lead: the participant slot that runs the case as a whole, and the roles of it that coordinate it. */
export interface CaseLead {
  slot: string;
  /** The SOP's declared coordinator roles plus the slot's supervisor roles. */
  coordinatorRoles: readonly string[];
}

/**
 * The lead of an SOP: its declared `lead`, else the slot acting in its first step (the agency that takes the case
 * in). Its coordinators are the declared coordinator roles plus the slot's supervisor roles (those receiving its
 * escalations: `supervisorRoles`, default SUPERVISOR_ROLES).
 */
export function caseLead(sop: SopDefinition): CaseLead {
  const slot = sop.lead?.slot ?? sop.steps[0]?.actor.slot ?? Object.keys(sop.participants)[0] ?? '';
  const supervisors = sop.participants[slot]?.supervisorRoles ?? SUPERVISOR_ROLES;
  return { slot, coordinatorRoles: [...new Set([...(sop.lead?.coordinatorRoles ?? []), ...supervisors])] };
}

function rolesOf(rule: CaseActionRule, lead: CaseLead): readonly string[] {
  return rule.roles === 'lead-coordinators' ? lead.coordinatorRoles : rule.roles;
}

const VERB: Record<CaseAction, string> = {
  'case:cancel': 'Cancelling',
  'case:erase': 'Erasing',
  'case:change-participants': 'Changing the participants of',
  'case:link': 'Linking',
};

/**
 * May this caller take a case-level action in this case? Pure, so the API and the workflow's update validator
 * decide alike. The reason names the rule, or the lead slot and the roles needed; never anything about the person.
 */
export function decideCaseAction(
  rules: readonly CaseActionRule[],
  sop: SopDefinition,
  participants: Readonly<Record<string, string>>,
  caller: { agencyId: string; roles: readonly string[] },
  action: CaseAction,
): Decision {
  if (!Object.values(participants).includes(caller.agencyId)) {
    return { allowed: false, reason: 'Your agency takes no part in this case' };
  }
  const lead = caseLead(sop);
  const matching = rules.filter((r) => (r.sops === '*' || r.sops.includes(sop.id)) && r.actions.includes(action));
  const isLead = participants[lead.slot] === caller.agencyId;
  const granted = matching.find((r) => isLead && caller.roles.some((role) => rolesOf(r, lead).includes(role)));
  if (granted) return { allowed: true, reason: `allowed by ${granted.id}`, rule: granted.id };
  const roles = [...new Set(matching.flatMap((r) => rolesOf(r, lead)))];
  if (roles.length === 0) return { allowed: false, reason: 'no rule grants it' };
  const label = sop.participants[lead.slot]?.label ?? lead.slot;
  return {
    allowed: false,
    reason: `${VERB[action]} this case needs one of the roles ${roles.join(', ')} of the lead agency (${label})`,
    rule: matching[0]?.id,
  };
}

/** The case-level actions this caller may take in this case (for the case view's buttons). */
export function allowedCaseActions(
  rules: readonly CaseActionRule[],
  sop: SopDefinition,
  participants: Readonly<Record<string, string>>,
  caller: { agencyId: string; roles: readonly string[] },
): CaseAction[] {
  return CASE_ACTIONS.filter((a) => decideCaseAction(rules, sop, participants, caller, a).allowed);
}
