#!/usr/bin/env bash
# Walks a route that fails and a change of mind in assisted voluntary return through the HTTP API with curl
# (docs/domain.md, "Rounds: going back to an earlier decision"). Needs `npm start` running and Node.js:
#
#   docs/sops/walk/route-fails.sh
#
# The person wants to be resettled in a third country, which refuses (case C8, seed L7202-L7205): the options reopen
# as round 2 and the first round's open tasks close, its record kept. Later the person changes their mind (case C9,
# L7339): round 3. The SOP allows three rounds; a fourth is refused with 409 and the reason. In round 3 the person
# decides to stay: the case ends with that outcome, the history of every round on its timeline.
set -euo pipefail
cd "$(dirname "$0")/../../.."
API=${API:-http://localhost:3000}
. docs/sops/walk/lib.sh

echo "== tokens (npm run token; the token is the last line)"
T_DEST=$(npm run --silent token -- --agency mh-heilbronn --role ngo-caseworker | tail -1)
T_DEST_COORD=$(npm run --silent token -- --agency mh-heilbronn --role ngo-coordinator | tail -1)
T_ORIGIN=$(npm run --silent token -- --agency adpare --role ngo-caseworker | tail -1)
T_IOM=$(npm run --silent token -- --agency iom-germany --role return-officer | tail -1)
PEOPLE="T_DEST T_DEST_COORD T_ORIGIN T_IOM"
for p in $PEOPLE; do echo "  $p = $(who "${!p}")"; done

TODAY=$(day 0)
CONSENT='{"consentGiven":true,"consentForm":"written","shareStory":false,"shareNeeds":true,"shareRisks":true,"sharePickUpDetails":true,"recordedOn":"'$TODAY'"}'
REFER='{"channel":"email","dataFormat":"iom-case-data","personReferredBy":"case-code","singleContactPerson":true}'

echo "1. Round 1: the person chooses a third country; consent and the referral follow, the tracks open"
start_case "$T_DEST" '{"sop":"assisted-return","input":{"isMinor":false,"plannedReturnDate":"'$(day 90)'","returnCountry":"RO","hostCountry":"DE"}}'
step "$T_DEST" assess-return-options '{"option":"return-to-third-country","informedOfOptionsAndRights":true}'
step "$T_DEST" record-consent "$CONSENT"
step "$T_DEST" refer-to-origin "$REFER"
task "$T_ORIGIN" origin-social-enquiry >/dev/null
task "$T_IOM" assess-return-case >/dev/null
expect_inbox "$T_ORIGIN" origin-social-enquiry

echo "2. The third country refuses: the options reopen as round 2; round 1's open tasks close"
event "$T_DEST_COORD" '{"type":"third-country-refused","data":{"reason":"no-identity-proof"}}'
expect 202
task "$T_DEST" assess-return-options >/dev/null
wait_case "$T_DEST_COORD" open 'r.state.round === 2'
expect_inbox "$T_ORIGIN" ""
expect_inbox "$T_IOM" ""
expect_inbox "$T_DEST" assess-return-options
api GET "/cases/$CASE" "$T_DEST_COORD" && expect 200
echo "  round $(json r.state.round <<<"$BODY"); open: $(json 'r.openTasks.map((t) => t.step + " (round " + t.round + ")").join(", ")' <<<"$BODY")"

echo "3. A refusal by the third country does not fit round 2, which has chosen no third country yet (409)"
event "$T_DEST_COORD" '{"type":"third-country-refused","data":{"reason":"other"}}'
expect 409
echo "    $(json r.message <<<"$BODY")"

echo "4. Round 2: the person decides to return home; then changes their mind again: round 3"
step "$T_DEST" assess-return-options '{"option":"return-to-origin","informedOfOptionsAndRights":true}'
task "$T_DEST" record-consent >/dev/null
event "$T_ORIGIN" '{"type":"person-changed-mind","data":{"reason":"new-information"}}'
expect 202
wait_case "$T_DEST_COORD" open 'r.state.round === 3'
task "$T_DEST" assess-return-options >/dev/null

echo "5. The SOP allows three rounds: a fourth is refused with the reason (409)"
event "$T_ORIGIN" '{"type":"person-changed-mind","data":{"reason":"other"}}'
expect 409
echo "    $(json r.message <<<"$BODY")"

echo "6. Round 3: the person decides to stay; the case ends with that outcome and every round on its timeline"
step "$T_DEST" assess-return-options '{"option":"stay-in-destination","informedOfOptionsAndRights":true}'
wait_case "$T_DEST_COORD" completed
[ "$(json r.endState <<<"$BODY")" = stayed-in-destination ] || fail "unexpected end state"
[ "$(json r.state.personOutcome <<<"$BODY")" = stayed-in-destination ] || fail "unexpected person outcome"
echo "  rounds on the timeline: $(json 'JSON.stringify(r.timeline.filter((e) => e.kind === "round-started").map((e) => ({ round: e.detail.round, event: e.detail.event })))' <<<"$BODY")"
echo "== route-fails walk passed"
