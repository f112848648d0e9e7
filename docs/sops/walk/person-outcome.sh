#!/usr/bin/env bash
# Walks an event about one person through the HTTP API with curl (docs/domain.md, "Events about one person and each
# person's outcome"). Needs `npm start` running and Node.js:
#
#   docs/sops/walk/person-outcome.sh
#
# A Venice inspection finds two vulnerable workers, W1 and W2. While the municipal team works with both, contact with
# W2 is lost: the event reaches W2's branch only, which ends with its outcome and reason; W1's support goes on. An
# event for a code the case does not hold, or for a branch already ended, is refused with 409 and the reason. The
# case ends when every person has an outcome.
set -euo pipefail
cd "$(dirname "$0")/../../.."
API=${API:-http://localhost:3000}
. docs/sops/walk/lib.sh

echo "== tokens (npm run token; the token is the last line)"
T_COORD=$(npm run --silent token -- --agency venice-cau --role coordinator | tail -1)
T_SOCIAL=$(npm run --silent token -- --agency venice-cau --role social-worker | tail -1)
T_INSPECTOR=$(npm run --silent token -- --agency venice-labour-inspectorate --role labour-inspector | tail -1)
T_OFFICER=$(npm run --silent token -- --agency venice-police --role police-officer | tail -1)
PEOPLE="T_COORD T_SOCIAL T_INSPECTOR T_OFFICER"
for p in $PEOPLE; do echo "  $p = $(who "${!p}")"; done

TODAY=$(day 0)
echo "1. The Unit opens the inspection; planning, the checks and the interviews find W1 and W2"
start_case "$T_COORD" '{"sop":"venice-inspection","input":{"triggerType":"hotline-call","premisesType":"manufacturing-company","suspectedExploitation":"labour","municipality":"Padova"}}'
step "$T_COORD" joint-planning-unit '{"decision":"confirmed","plannedDate":"'$TODAY'","socialWorkersOnCall":2,"mediatorAssigned":true}'
step "$T_INSPECTOR" joint-planning-inspectorate '{"decision":"confirmed","inspectorsAssigned":2}'
step "$T_OFFICER" joint-planning-police '{"decision":"confirmed","force":"state-police","officersAssigned":2}'
step "$T_INSPECTOR" compliance-check-labour '{"workersPresent":2,"healthSafetyBreaches":true,"workersWithoutContract":2,"livingOnPremises":true,"inspectionRecordRef":"INS-2"}'
step "$T_OFFICER" compliance-check-police '{"identityChecks":2,"withoutResidencePermit":2,"offenceReported":false}'
step "$T_INSPECTOR" worker-interviews '{"workersInterviewed":2,"mediatorSupported":true,"settingSuitable":false,"vulnerableWorkerCodes":["W1","W2"],"childrenFound":false,"childCodes":[]}'
step "$T_COORD" municipal-team-joins '{"socialWorkersDeployed":1,"psychologistDeployed":true,"separateSpaceAvailable":true}'
task "$T_SOCIAL" preliminary-needs-assessment W2 >/dev/null
expect_inbox "$T_SOCIAL" "preliminary-needs-assessment/W1 preliminary-needs-assessment/W2"

echo "2. An event about a person the case does not hold is refused (409, with the reason)"
event "$T_SOCIAL" '{"type":"person-lost-contact","data":{"person":"W7","reason":"unreachable"}}'
expect 409
echo "    $(json r.message <<<"$BODY")"

echo "3. Contact with W2 is lost: W2's branch ends with its outcome; W1's support goes on"
event "$T_SOCIAL" '{"type":"person-lost-contact","data":{"person":"W2","reason":"moved-away"}}'
expect 202
wait_case "$T_COORD" open 'r.persons.some((p) => p.subject === "W2" && p.status === "ended")'
echo "  persons: $(json 'JSON.stringify(r.persons.map(({ subject, status, outcome, reason }) => ({ subject, status, outcome, reason })))' <<<"$BODY")"
[ "$(json '(r.persons.find((p) => p.subject === "W2") || {}).outcome' <<<"$BODY")" = lost-contact ] ||
  fail "W2's outcome is not lost-contact"
expect_inbox "$T_SOCIAL" "preliminary-needs-assessment/W1"

echo "4. A second event about W2 does not fit any more (409): the branch has ended"
event "$T_SOCIAL" '{"type":"person-absconded","data":{"person":"W2","reason":"left-accommodation"}}'
expect 409
echo "    $(json r.message <<<"$BODY")"

echo "5. The inspection agencies see neither the event nor the outcomes (protection stays apart)"
api GET "/cases/$CASE" "$T_INSPECTOR" && expect 200
[ "$(json 'r.persons.length' <<<"$BODY")" = 0 ] || fail "the inspectorate sees the persons' outcomes"
echo "  GET /cases/:id by $(who "$T_INSPECTOR"): persons $(json 'JSON.stringify(r.persons)' <<<"$BODY")"

echo "6. W1: needs, counselling, identification (declines the referral); every person has an outcome, the case ends"
step "$T_SOCIAL" preliminary-needs-assessment '{"interpreterPresent":true,"needsHealthcare":false,"needsAccommodation":true,"needsLegalAdvice":true,"immediateDanger":false,"timeSufficient":true}' W1
step "$T_SOCIAL" information-and-counselling '{"migrationLawCovered":true,"protectionOptionsCovered":true,"leafletGiven":true,"followUpAgreed":true}' W1
step "$T_SOCIAL" identification-decision '{"outcome":"identified-declines-referral","exploitationForm":"labour"}' W1
wait_case "$T_COORD" completed
echo "  persons: $(json 'JSON.stringify(r.persons.map(({ subject, outcome, reason }) => ({ subject, outcome, reason })))' <<<"$BODY")"
[ "$(json r.endState <<<"$BODY")" = closed-referral-declined ] || fail "unexpected end state"
echo "== person-outcome walk passed"
