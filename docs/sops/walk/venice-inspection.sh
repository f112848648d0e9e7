#!/usr/bin/env bash
# Walks the venice-inspection SOP through the HTTP API with curl (see docs/sops/venice-inspection.md,
# "Walk it with curl"). Needs `npm start` running and Node.js; run from anywhere:
#
#   docs/sops/walk/venice-inspection.sh [main|call-off|cancel|all]      (default: all)
#   API=http://localhost:3100 docs/sops/walk/venice-inspection.sh main
#
# Every task is checked against every other person below: not in their inbox, 404 (other agency) or 403 (same
# agency, other role) when they try to complete it.
set -euo pipefail
cd "$(dirname "$0")/../../.."
API=${API:-http://localhost:3000}
. docs/sops/walk/lib.sh

echo "== tokens (npm run token; the token is the last line)"
T_COORD=$(npm run --silent token -- --agency venice-cau --role coordinator | tail -1)
T_MEDIATOR=$(npm run --silent token -- --agency venice-cau --role cultural-mediator | tail -1)
T_SOCIAL=$(npm run --silent token -- --agency venice-cau --role social-worker | tail -1)
T_INSPECTOR=$(npm run --silent token -- --agency venice-labour-inspectorate --role labour-inspector | tail -1)
T_OFFICER=$(npm run --silent token -- --agency venice-police --role police-officer | tail -1)
T_PROTECTION=$(npm run --silent token -- --agency venice-social-protection --role protection-officer | tail -1)
T_TERRITORIAL=$(npm run --silent token -- --agency venice-territorial-social-services --role social-worker | tail -1)
T_SHELTER=$(npm run --silent token -- --agency venice-child-shelter --role shelter-worker | tail -1)
T_OUTSIDER=$(npm run --silent token -- --agency other-ngo --role social-worker | tail -1)
PEOPLE="T_COORD T_MEDIATOR T_SOCIAL T_INSPECTOR T_OFFICER T_PROTECTION T_TERRITORIAL T_SHELTER T_OUTSIDER"
for p in $PEOPLE; do echo "  $p = $(who "${!p}")"; done

TODAY=$(day 0) # the inspection day: today's UTC date, so the on-site tasks open at once
INTAKE='{"sop":"venice-inspection","input":{"triggerType":"hotline-call","premisesType":"manufacturing-company","suspectedExploitation":"labour","municipality":"Padova"}}'
PLAN_UNIT='{"decision":"confirmed","plannedDate":"'$TODAY'","socialWorkersOnCall":2,"mediatorAssigned":true}'

# The three planning confirmations, both checks, and the interview record given as $1.
inspect() {
  echo "2. Joint planning: one confirmation per agency"
  step "$T_COORD" joint-planning-unit "$PLAN_UNIT"
  step "$T_INSPECTOR" joint-planning-inspectorate '{"decision":"confirmed","inspectorsAssigned":2}'
  step "$T_OFFICER" joint-planning-police '{"decision":"confirmed","force":"state-police","officersAssigned":2}'
  echo "3. Inspection day: labour check and police check"
  step "$T_INSPECTOR" compliance-check-labour '{"workersPresent":2,"healthSafetyBreaches":true,"workersWithoutContract":2,"livingOnPremises":true,"inspectionRecordRef":"INS-1"}'
  step "$T_OFFICER" compliance-check-police '{"identityChecks":2,"withoutResidencePermit":1,"offenceReported":false}'
  echo "4. Interviews: codes of the vulnerable workers and children"
  step "$T_INSPECTOR" worker-interviews "$1"
}

walk_main() {
  echo "== main path: one worker referred to social protection, one child placed in the shelter"
  echo "1. The Unit's coordinator opens the case"
  start_case "$T_COORD" "$INTAKE"
  inspect '{"workersInterviewed":2,"mediatorSupported":true,"settingSuitable":false,"vulnerableWorkerCodes":["W1"],"childrenFound":true,"childCodes":["C1"]}'
  echo "5. The mediator informs the worker not found vulnerable; the coordinator sends the municipal team"
  step "$T_MEDIATOR" information-non-vulnerable '{"workersInformed":1,"migrationLawCovered":true,"labourRightsCovered":true,"leafletsGiven":true}'
  step "$T_COORD" municipal-team-joins '{"socialWorkersDeployed":1,"psychologistDeployed":true,"separateSpaceAvailable":true}'
  echo "6. Worker W1: needs, counselling, identification (consents), referral"
  step "$T_SOCIAL" preliminary-needs-assessment '{"interpreterPresent":true,"needsHealthcare":false,"needsAccommodation":true,"needsLegalAdvice":true,"immediateDanger":false,"timeSufficient":true}' W1
  step "$T_SOCIAL" information-and-counselling '{"migrationLawCovered":true,"protectionOptionsCovered":true,"leafletGiven":true,"followUpAgreed":true}' W1
  step "$T_SOCIAL" identification-decision '{"outcome":"identified-consents-to-referral","exploitationForm":"labour"}' W1
  step "$T_PROTECTION" referral-to-social-protection '{"programme":"national","takenInChargeOn":"'$TODAY'","accommodationProvided":true}' W1
  echo "7. Child C1: assessment (family absent), shelter placement"
  step "$T_SOCIAL" child-assessment '{"familyPresent":false,"unsafeConditions":true,"childLabourSuspected":true}' C1
  step "$T_SHELTER" child-shelter-placement '{"admittedOn":"'$TODAY'","assistedAs":"unaccompanied-foreign-child","guardianRequested":true}' C1
  echo "8. The case ends"
  wait_case "$T_COORD" completed
  [ "$(json r.endState <<<"$BODY")" = closed-referred-to-social-protection ] || fail "unexpected end state"
}

walk_call_off() {
  echo "== decision branch: the Inspectorate asks to revise the plan, then the Unit calls the inspection off"
  echo "1. The Unit's coordinator opens the case; each agency sees only its own confirmation"
  start_case "$T_COORD" "$INTAKE"
  task "$T_COORD" joint-planning-unit >/dev/null
  task "$T_INSPECTOR" joint-planning-inspectorate >/dev/null
  task "$T_OFFICER" joint-planning-police >/dev/null
  expect_inbox "$T_COORD" joint-planning-unit
  expect_inbox "$T_INSPECTOR" joint-planning-inspectorate
  expect_inbox "$T_OFFICER" joint-planning-police
  echo "2. Round 1: the Inspectorate answers revise, the others confirm"
  step "$T_INSPECTOR" joint-planning-inspectorate '{"decision":"revise","inspectorsAssigned":2,"note":"Need a second inspector from Venezia."}'
  step "$T_OFFICER" joint-planning-police '{"decision":"confirmed","force":"state-police","officersAssigned":2}'
  step "$T_COORD" joint-planning-unit "$PLAN_UNIT"
  echo "3. Round 2 opens for all three; the Unit calls the inspection off"
  ROUND2_POLICE=$(task "$T_OFFICER" joint-planning-police)
  task "$T_INSPECTOR" joint-planning-inspectorate >/dev/null
  step "$T_COORD" joint-planning-unit '{"decision":"call-off","plannedDate":"'$TODAY'","socialWorkersOnCall":0,"mediatorAssigned":false}'
  echo "4. The case ends; the partners' open confirmations closed with it"
  wait_case "$T_OFFICER" completed
  [ "$(json r.endState <<<"$BODY")" = inspection-called-off ] || fail "unexpected end state"
  expect_inbox "$T_OFFICER" ""
  expect_inbox "$T_INSPECTOR" ""
  api POST "/tasks/$ROUND2_POLICE/complete" "$T_OFFICER" '{"form":{"decision":"confirmed","force":"state-police","officersAssigned":2}}'
  expect 409
  echo "  late police confirmation -> HTTP $CODE ($(json r.error <<<"$BODY"))"
}

walk_cancel() {
  echo "== abort branch: only a child found; the case is cancelled while the child is being assessed"
  echo "1. The Unit's coordinator opens the case"
  start_case "$T_COORD" "$INTAKE"
  inspect '{"workersInterviewed":0,"mediatorSupported":true,"settingSuitable":false,"vulnerableWorkerCodes":[],"childrenFound":true,"childCodes":["C1"]}'
  echo "5. The coordinator sends the municipal team; C1's assessment opens for the Unit's social worker"
  step "$T_COORD" municipal-team-joins '{"socialWorkersDeployed":1,"psychologistDeployed":false,"separateSpaceAvailable":true}'
  CHILD=$(task "$T_SOCIAL" child-assessment C1)
  expect_inbox "$T_SOCIAL" child-assessment/C1
  echo "6. The coordinator cancels the case"
  cancel "$T_COORD" "premises already closed by the prosecutor"
  wait_case "$T_SOCIAL" cancelled
  expect_inbox "$T_SOCIAL" ""
  api POST "/tasks/$CHILD/complete" "$T_SOCIAL" '{"form":{"familyPresent":true,"unsafeConditions":false,"childLabourSuspected":false}}'
  expect 409
  echo "  late child assessment -> HTTP $CODE ($(json r.error <<<"$BODY"))"
}

case "${1:-all}" in
  main) walk_main ;;
  call-off) walk_call_off ;;
  cancel) walk_cancel ;;
  all)
    walk_main
    walk_call_off
    walk_cancel
    ;;
  *) fail "usage: $0 [main|call-off|cancel|all]" ;;
esac
echo "== done"
