import type { DataDeadlineSpec } from '@waymark/contracts';

const TRAVEL_STEPS = ['book-travel', 'book-travel-ngo', 'arrange-reception', 'confirm-departure'];

/**
 * Deadlines of an assisted return that follow from the case's data (SopDefinition.dataDeadlines): the travel steps
 * must be done while the travel document is valid and the person may still travel; a child's protective steps must be
 * done before the child turns 18.
 */
export const ASSISTED_RETURN_DEADLINES: readonly DataDeadlineSpec[] = [
  {
    id: 'travel-document-expiry',
    label: 'expiry of the travel document',
    from: 'travel-document-issued.validUntil',
    // A temporary passport is issued for the journey (L6516-L6517, L7628-L7629); the warning periods are inferred.
    warnBefore: 'P14D',
    escalateBefore: 'P7D',
    appliesTo: TRAVEL_STEPS,
    seed: ['L6516-L6517', 'L7628-L7629', 'inferred'],
  },
  {
    id: 'travel-limit',
    label: 'medical travel limit',
    from: 'prepare-person-for-return.fitToTravelUntil',
    // "many flight companies do not allow over 7 month-pregnant women to fly": the return "would have to be promptly
    // organised" (L7344-L7345, referred at five months: L7335).
    warnBefore: 'P21D',
    escalateBefore: 'P7D',
    appliesTo: TRAVEL_STEPS,
    seed: ['L7335', 'L7344-L7345'],
  },
  {
    id: 'age-out',
    label: "child's 18th birthday",
    from: 'intake.dateOfBirth',
    add: 'P18Y',
    // A child's return needs the origin child-protection assessment and approval (L7605-L7606, L7623-L7625); done
    // after the 18th birthday they no longer protect a child (the deadline and its periods are inferred).
    warnBefore: 'P60D',
    escalateBefore: 'P30D',
    appliesTo: ['assess-child-family', 'approve-child-return'],
    seed: ['L7605-L7606', 'L7623-L7625', 'inferred'],
  },
];
