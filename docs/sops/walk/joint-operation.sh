#!/usr/bin/env bash
# Walks the joint-operation SOP through the HTTP API with curl (see docs/sops/joint-operation.md,
# "Walk it with curl"). Needs `npm start` running and Node.js; run from anywhere:
#
#   docs/sops/walk/joint-operation.sh [main|no-person|declined|all]      (default: all)
#   API=http://localhost:3100 docs/sops/walk/joint-operation.sh main
#
# Every task is checked against every other person below: not in their inbox, 404 (other agency) or 403 (same
# agency, other role) when they try to complete it.
set -euo pipefail
cd "$(dirname "$0")/../../.."
API=${API:-http://localhost:3000}
. docs/sops/walk/lib.sh

echo "== tokens (npm run token; the token is the last line)"
T_POLICE=$(npm run --silent token -- --agency mossos-thb-unit --role police-coordinator | tail -1)
T_OFFICER=$(npm run --silent token -- --agency mossos-thb-unit --role police-officer | tail -1)
T_NGO=$(npm run --silent token -- --agency sicar-cat --role ngo-coordinator | tail -1)
T_PRO=$(npm run --silent token -- --agency sicar-cat --role ngo-professional | tail -1)
T_OUTSIDER=$(npm run --silent token -- --agency other-ngo --role ngo-professional | tail -1)
PEOPLE="T_POLICE T_OFFICER T_NGO T_PRO T_OUTSIDER"
for p in $PEOPLE; do echo "  $p = $(who "${!p}")"; done

INTAKE='{"sop":"joint-operation","input":{"operationCode":"OP-WALK-1","exploitationType":"labour","plannedDate":"'"$(day 7)"'"}}'

# The NGO accepts, both halves of the joint planning, and the deployment identifying $1 persons.
plan_and_deploy() {
  echo "2. The NGO coordinator accepts the request"
  step "$T_NGO" accept-request '{"decision":"accepted","contactPointCode":"SC-07"}'
  echo "3. Joint planning: each agency sees only its own half"
  task "$T_POLICE" plan-operation >/dev/null
  task "$T_NGO" plan-logistics >/dev/null
  expect_inbox "$T_POLICE" plan-operation
  expect_inbox "$T_NGO" plan-logistics
  step "$T_POLICE" plan-operation '{"deploymentDate":"2025-06-01","officersDeployed":14,"sitesCount":1,"expectedPersons":2,"communicationChannelAgreed":true}'
  step "$T_NGO" plan-logistics '{"accommodationPlaces":2,"interpretersBooked":1,"referralRoutes":["shelter"],"ngoProfessionalsOnSite":2}'
  echo "4. The police deploy and record how many presumed victims they identified"
  step "$T_OFFICER" deploy-operation '{"deployedOn":"2025-06-01","personsIdentified":'"$1"',"ngoPresent":true}'
}

walk_main() {
  echo "== main path: two persons; P1 accepts assistance (not willing to cooperate) and is escorted to court, P2 declines"
  echo "1. The police coordinator opens the case; the request waits in the NGO coordinator's inbox only"
  start_case "$T_POLICE" "$INTAKE"
  task "$T_NGO" accept-request >/dev/null
  expect_inbox "$T_POLICE" ""
  expect_inbox "$T_PRO" ""
  plan_and_deploy 2
  echo "5. Rights information for P1 and P2: NGO professionals only; the police inboxes stay empty"
  task "$T_PRO" rights-information P2 >/dev/null
  expect_inbox "$T_PRO" "rights-information/P1 rights-information/P2"
  expect_inbox "$T_POLICE" ""
  expect_inbox "$T_OFFICER" ""
  RIGHTS='{"informedAt":"2025-06-01","language":"ro","interpreterUsed":true,"topicsCovered":["rights"],"understood":true}'
  step "$T_PRO" rights-information "$RIGHTS" P1
  step "$T_PRO" rights-information "$RIGHTS" P2
  echo "6. Assistance decisions: P1 accepts but will not cooperate with the police; P2 declines"
  step "$T_PRO" assistance-decision '{"assistance":"accepts","cooperationWithPolice":"not-willing","consentRecorded":true}' P1
  step "$T_PRO" assistance-decision '{"assistance":"declines","cooperationWithPolice":"willing","consentRecorded":true}' P2
  echo "7. P1 is assisted all the same: arrangements, then the risk assessment"
  step "$T_NGO" arrange-assistance '{"accommodation":"ngo-shelter","interpreterAssigned":true}' P1
  step "$T_PRO" risk-assessment '{"overallRisk":"high","riskFromNetwork":"high","riskFromFamily":"medium","healthConcern":false,"riskBehaviours":false,"policeConsulted":true}' P1
  echo "8. The police report P1's court date (an event, not a task); another agency may not"
  HEARING='{"type":"court-date-set","data":{"person":"P1","hearingDate":"2025-09-15"}}'
  event "$T_OUTSIDER" "$HEARING"
  expect 404
  event "$T_OFFICER" "$HEARING"
  expect 202
  echo "9. The court escort opens for the NGO"
  step "$T_PRO" court-escort '{"hearingDate":"2025-09-15","outcome":"attended","accompanied":true,"interpreterProvided":true,"policeProtection":true}' P1
  echo "10. P1 is in follow-up, P2's branch has ended; the operation waits for its quarterly meeting (90 days)"
  wait_case "$T_POLICE" open "r.openTasks.length === 0 && r.timeline.some((e) => e.kind === 'court-date-forwarded')"
  echo "  person branches ended: $(json 'r.timeline.filter((e) => e.kind === "person-branch-ended").map((e) => e.detail)' <<<"$BODY")"
  echo "  the police's timeline mentions cooperation: $(json '/not-willing|cooperation/.test(JSON.stringify(r.timeline)) ? "yes" : "no"' <<<"$BODY")"
  echo "11. Nothing more happens for 90 days: the police coordinator closes the walk by cancelling the operation"
  cancel "$T_POLICE" "walk finished"
  wait_case "$T_NGO" cancelled
}

walk_no_person() {
  echo "== branch: nobody identified at the deployment; the police coordinator checks, adjusts and closes"
  echo "1. The police coordinator opens the case"
  start_case "$T_POLICE" "$INTAKE"
  plan_and_deploy 0
  echo "5. Check and adjust: the police coordinator only"
  step "$T_POLICE" check-and-adjust '{"decision":"close","findings":"Premises empty on arrival."}'
  echo "6. The case ends"
  wait_case "$T_NGO" completed
  [ "$(json r.endState <<<"$BODY")" = no-person-identified ] || fail "unexpected end state"
}

walk_declined() {
  echo "== branch: the NGO declines the request"
  echo "1. The police coordinator opens the case"
  start_case "$T_POLICE" "$INTAKE"
  echo "2. A decision outside the form's options is refused with the field named"
  ACCEPT=$(task "$T_NGO" accept-request)
  api POST "/tasks/$ACCEPT/complete" "$T_NGO" '{"form":{"decision":"later"}}'
  expect 400
  echo "  -> HTTP $CODE $BODY"
  echo "3. The NGO coordinator declines"
  step "$T_NGO" accept-request '{"decision":"declined","declineReason":"no-capacity"}'
  echo "4. The case ends"
  wait_case "$T_POLICE" completed
  [ "$(json r.endState <<<"$BODY")" = request-declined ] || fail "unexpected end state"
}

case "${1:-all}" in
  main) walk_main ;;
  no-person) walk_no_person ;;
  declined) walk_declined ;;
  all)
    walk_main
    walk_no_person
    walk_declined
    ;;
  *) fail "usage: $0 [main|no-person|declined|all]" ;;
esac
echo "== done"
