import type { SopDefinition } from '@waymark/contracts';
import { LEFT_SHELTER_FORM, RELOCATION_FORM, SHELTER_INTAKE_FORM } from './shelter-admission.forms';
import { SHELTER_ADMISSION_ACCESS } from './shelter-admission.policy';
import { SHELTER_ADMISSION_STEPS } from './shelter-admission.steps';

const NETWORK_STAFF = { slot: 'network', roles: ['ngo-caseworker', 'ngo-coordinator'] } as const;
const SHELTER_STAFF = { slot: 'shelter', roles: ['shelter-worker'] } as const;

/** How many shelters are asked for one placement before the network stops asking (declared; inferred). */
export const MAX_SHELTERS_ASKED = 5;
/** How many placements (rounds) a case may have: the first and up to three relocations (inferred). */
export const MAX_PLACEMENTS = 4;

/**
 * Catalogue T5 (P17 HRDF Istanbul Shelter, C7 risk tiers) and T6 (P2 Ac.Sé national secure relocation): a place is
 * asked for, the risk assessed, a shelter matched, asked and (when it has no place) the next one asked; the person
 * is moved, admitted with house rules and consent, assessed and informed of their rights; an exit is planned. When
 * the person is at risk they are moved to another shelter or city: a new round from the risk assessment.
 */
export const SHELTER_ADMISSION_SOP: SopDefinition = {
  id: 'shelter-admission',
  version: 1,
  title: 'Shelter admission and secure relocation',
  summary:
    'A shelter network coordinator assesses the risk and asks shelters for a place far from the exploitation area; a ' +
    'shelter with no place declines with a reason and the next is asked. The shelter admits the person with house ' +
    'rules and consent and keeps where the person stays to itself (and whom the person allows); when the person is at ' +
    'risk they are relocated to another shelter or city; the stay ends with an exit plan.',
  seed: ['L1563-L1567', 'L1640-L1654', 'L3880-L3919', 'L5722-L5757', 'L7080-L7082', 'L6627-L6628', 'L6795-L6823'],
  workflowType: 'shelterAdmissionWorkflow',
  access: SHELTER_ADMISSION_ACCESS,
  // The network manages the transfer and the information exchange among the NGOs (L1563-L1567).
  lead: { slot: 'network', coordinatorRoles: ['ngo-coordinator'] },
  participants: {
    network: { kind: 'ngo', label: 'Shelter network coordinator (case manager)', defaultAgency: 'acse-network' },
    shelter: {
      kind: 'shelter',
      label: 'Shelter asked for a place, then hosting the person',
      defaultAgency: 'hrdf-istanbul-shelter',
      // The next shelter after a decline (L5730: six places), another shelter or city on relocation (L1563-L1565,
      // L6627-L6628), a special placement (L6804-L6807).
      changeable: { seed: ['L5730', 'L1563-L1565', 'L6627-L6628', 'L6804-L6807'] },
    },
  },
  intake: SHELTER_INTAKE_FORM,
  intakeCompartment: 'intake',
  steps: SHELTER_ADMISSION_STEPS,
  events: [
    {
      type: 'relocation-needed',
      compartment: 'protection',
      title: 'The person must move to another shelter or city',
      reporters: [NETWORK_STAFF, SHELTER_STAFF],
      // A new round from the risk assessment: the network asks another shelter far from the danger (L1563-L1565); C4
      // moved a woman because the shelter was too restrictive (L6627-L6628); C5 needed a special placement (L6795-L6807).
      reopens: { step: 'assess-risk', limit: MAX_PLACEMENTS, until: 'confirm-exit' },
      seed: ['L1563-L1565', 'L6627-L6628', 'L6795-L6797', 'L6804-L6807', 'L6523', 'L7080'],
      description: `At most ${MAX_PLACEMENTS} placements per case (inferred); past that the event is refused and the lead decides.`,
      form: RELOCATION_FORM,
    },
    {
      type: 'person-left-shelter',
      compartment: 'protection',
      title: 'The person left the shelter',
      reporters: [NETWORK_STAFF, SHELTER_STAFF],
      endsCaseAs: 'absconded',
      seed: ['L7375-L7376'],
      form: LEFT_SHELTER_FORM,
    },
  ],
  rules: [
    {
      id: 'assistance-before-status',
      text: 'A presumed victim is placed while the identification is pending; admission never waits on the police.',
      seed: ['L4108-L4109', 'L1645'],
    },
    {
      id: 'consent-before-shelter',
      text: "The risk assessment goes to a shelter only under the person's consent to share it with that shelter.",
      seed: ['L6808-L6809', 'L7366-L7367'],
    },
    {
      id: 'secret-location',
      text:
        'Where the person stays is a category, never an address, read only by the shelter holding the person and by ' +
        'whom the person allows; a shelter replaced in the slot loses the case at once.',
      seed: ['L6820-L6822', 'L6514'],
    },
    {
      id: 'next-shelter-asked',
      text: `A shelter with no place declines with a reason and its capacity; the next shelter is asked, at most ${MAX_SHELTERS_ASKED} per placement (the limit is inferred).`,
      seed: ['L5730', 'L3917-L3918', 'inferred'],
    },
    {
      id: 'risk-tiered-placement',
      text: 'A high-risk person goes to a high-security shelter; the person moves when the risk changes.',
      seed: ['L7080-L7082'],
    },
    {
      id: 'codes-not-names',
      text: 'Forms and notes carry codes and categories, never names or addresses.',
      seed: ['L6820-L6821', 'L7366-L7367'],
    },
  ],
  transitions: [
    { from: 'start', to: 'assess-risk' },
    { from: 'assess-risk', to: 'match-shelter' },
    { from: 'match-shelter', to: 'consent-refused', when: 'personConsentsToShare = false' },
    { from: 'match-shelter', to: 'answer-place-request', when: 'consent recorded for the shelter in the slot' },
    { from: 'answer-place-request', to: 'transfer-person', when: 'decision = accepted' },
    {
      from: 'answer-place-request',
      to: 'match-shelter',
      when: `decision = declined: the next shelter is asked (at most ${MAX_SHELTERS_ASKED})`,
    },
    {
      from: 'answer-place-request',
      to: 'no-place-found',
      when: `declined by the ${MAX_SHELTERS_ASKED}th shelter asked`,
    },
    { from: 'transfer-person', to: 'admit-person' },
    { from: 'admit-person', to: 'declined-placement', when: 'outcome = person-declined-rules' },
    { from: 'admit-person', to: 'assess-and-plan-stay', when: 'outcome = admitted' },
    { from: 'admit-person', to: 'inform-rights', when: 'outcome = admitted' },
    {
      from: 'admit-person',
      to: 'assess-risk',
      when: `relocation-needed: a new round, at most ${MAX_PLACEMENTS} placements, until the exit is confirmed`,
    },
    { from: 'assess-and-plan-stay', to: 'plan-exit', when: 'join: both done' },
    { from: 'inform-rights', to: 'plan-exit', when: 'join: both done' },
    { from: 'plan-exit', to: 'confirm-exit' },
    { from: 'confirm-exit', to: 'left-for-return', when: 'outcome = left-for-return' },
    { from: 'confirm-exit', to: 'stayed-in-destination', when: 'outcome = moved-to-independent-living' },
    { from: 'confirm-exit', to: 'referred-elsewhere', when: 'outcome = referred-to-other-programme' },
    { from: 'confirm-exit', to: 'absconded', when: 'outcome = left-without-notice' },
  ],
  endStates: [
    {
      id: 'left-for-return',
      description: 'The person left the shelter to return home (the return itself is an assisted-return case).',
      seed: ['L5729', 'L1649-L1650'],
      personOutcome: 'returned',
    },
    {
      id: 'stayed-in-destination',
      description: 'The person left the shelter to live on their own in the country.',
      seed: ['L7372-L7373'],
      personOutcome: 'stayed-in-destination',
    },
    {
      id: 'referred-elsewhere',
      description: 'The person moved on to another programme or a special placement.',
      seed: ['L6804-L6807'],
      personOutcome: 'referred-elsewhere',
    },
    {
      id: 'absconded',
      description: 'The person left the shelter without an agreed exit.',
      seed: ['L7375-L7376'],
      personOutcome: 'absconded',
    },
    {
      id: 'no-place-found',
      description: `${MAX_SHELTERS_ASKED} shelters declined one placement: the coordinator refers the person to accommodation outside the network (inferred).`,
      seed: ['L4108-L4109', 'L5730', 'inferred'],
      personOutcome: 'referred-elsewhere',
    },
    {
      id: 'consent-refused',
      description: 'The person did not agree that a shelter receive the risk assessment: no shelter was asked.',
      seed: ['L6808-L6809', 'L7366-L7367'],
      personOutcome: 'declined-assistance',
    },
    {
      id: 'declined-placement',
      description: 'The person did not accept the shelter and its house rules.',
      seed: ['L6627-L6628'],
      personOutcome: 'declined-assistance',
    },
    { id: 'cancelled', description: 'The case was cancelled with a reason.' },
  ],
};
