#!/usr/bin/env bash
# Walks shelter admission and secure relocation (docs/sops/shelter-admission.md) through the HTTP API with curl.
# Needs `npm start` running and Node.js:
#
#   docs/sops/walk/shelter-admission.sh
#
# The network coordinator assesses the risk and asks the Istanbul shelter, which has no place and declines with its
# capacity (L5730); the coordinator puts the next shelter in the slot and asks it: it accepts. The person is moved and
# admitted; where she stays is a category the first shelter no longer sees and the network sees only if she allows.
# Her location is compromised: she is relocated to a third shelter as round 2 (L1563-L1565), and the stay ends with an
# exit plan: she stays in the country.
set -euo pipefail
cd "$(dirname "$0")/../../.."
API=${API:-http://localhost:3000}
. docs/sops/walk/lib.sh

B=walk-shelter-b
C=walk-shelter-c
echo "== tokens (npm run token; the token is the last line)"
T_NET=$(npm run --silent token -- --agency acse-network --role ngo-caseworker | tail -1)
T_COORD=$(npm run --silent token -- --agency acse-network --role ngo-coordinator | tail -1)
T_A=$(npm run --silent token -- --agency hrdf-istanbul-shelter --role shelter-worker | tail -1)
T_B=$(npm run --silent token -- --agency $B --role shelter-worker | tail -1)
T_B_PSY=$(npm run --silent token -- --agency $B --role ngo-professional | tail -1)
T_C=$(npm run --silent token -- --agency $C --role shelter-worker | tail -1)
T_C_PSY=$(npm run --silent token -- --agency $C --role ngo-professional | tail -1)
T_ADMIN=$(npm run --silent token -- --agency waymark-ops --role platform-admin | tail -1)
PEOPLE="T_NET T_COORD T_A T_B T_B_PSY T_C T_C_PSY"
for p in $PEOPLE; do echo "  $p = $(who "${!p}")"; done

echo "1. The platform admin registers two more shelters of the network (201, or 409 when an earlier walk did)"
for s in $B $C; do
  api POST /agencies "$T_ADMIN" '{"id":"'$s'","name":"Network shelter '$s'","kind":"shelter"}'
  [ "$CODE" = 201 ] || [ "$CODE" = 409 ] || fail "expected HTTP 201 or 409, got $CODE: $BODY"
  echo "  POST /agencies $s -> HTTP $CODE"
done

TODAY=$(day 0)
MATCH='{"shelterTier":"high-security-shelter","area":"other-city","personConsentsToShare":true,"consentForm":"verbal"}'
TRANSFER='{"transferredOn":"'$TODAY'","escort":"ngo-staff","farFromExploitationArea":true}'
STAY='{"psychologistSessionHeld":true,"psychiatricReferral":false,"healthCheckOffered":true,"expectedStay":"1-to-3-months"}'
RIGHTS='{"rightsExplained":true,"residencePermit":"applied"}'

echo "2. A presumed victim referred by the police: the network assesses the risk and asks the Istanbul shelter"
start_case "$T_NET" '{"sop":"shelter-admission","input":{"referralSource":"police","identificationStatus":"presumed","isMinor":false,"hostCountry":"TR"}}'
step "$T_NET" assess-risk '{"riskTier":"high","farFromExploitationArea":true,"assessedOn":"'$TODAY'"}'
step "$T_COORD" match-shelter "$MATCH"

echo "3. The Istanbul shelter has no place: it declines with its capacity"
step "$T_A" answer-place-request '{"decision":"declined","declineReason":"no-place","placesTotal":6,"placesFree":0}'

echo "4. The coordinator puts the next shelter in the slot and asks it; the first shelter loses the case"
task "$T_COORD" match-shelter >/dev/null
api POST "/cases/$CASE/participants" "$T_COORD" '{"slot":"shelter","agencyId":"'$B'","reason":"No place: the next shelter is asked"}' &&
  expect 200
echo "  POST /cases/:id/participants -> HTTP $CODE ($(json '"from " + r.from + " to " + r.to' <<<"$BODY"))"
api GET "/cases/$CASE" "$T_A" && expect 404
echo "  GET /cases/:id by $(who "$T_A") -> HTTP $CODE"
step "$T_COORD" match-shelter "$MATCH"
step "$T_B" answer-place-request '{"decision":"accepted","placesTotal":8,"placesFree":1}'
api GET "/cases/$CASE" "$T_COORD" && expect 200
echo "  declined on the timeline: $(json 'JSON.stringify(r.timeline.filter((e) => e.kind === "shelter-declined").map((e) => e.detail))' <<<"$BODY")"

echo "5. The person is moved and admitted; she does not allow the network to know where she stays"
step "$T_NET" transfer-person "$TRANSFER"
step "$T_B" admit-person '{"houseRulesExplained":true,"outcome":"admitted","admittedOn":"'$TODAY'","locationCategory":"secret-flat","shareLocationWithNetwork":false,"consentForm":"written"}'
api GET "/cases/$CASE" "$T_B" && expect 200
[ "$(json '(r.compartments.identity || []).map((x) => x.data.locationCategory).join()' <<<"$BODY")" = secret-flat ] ||
  fail "the shelter does not see the location category"
api GET "/cases/$CASE" "$T_COORD" && expect 200
[ "$(json 'r.redacted.includes("compartment:identity")' <<<"$BODY")" = true ] || fail "the network sees the location"
echo "  the location category: seen by $(who "$T_B"), withheld from $(who "$T_COORD")"
step "$T_B_PSY" assess-and-plan-stay "$STAY"
step "$T_B" inform-rights "$RIGHTS"
task "$T_NET" plan-exit >/dev/null

echo "6. Her location is compromised: the shelter reports it and the case goes back to the risk assessment (round 2)"
event "$T_B" '{"type":"relocation-needed","data":{"reason":"location-compromised","riskTier":"high"}}'
expect 202
task "$T_NET" assess-risk >/dev/null
wait_case "$T_COORD" open 'r.state.round === 2'
expect_inbox "$T_NET" assess-risk
step "$T_NET" assess-risk '{"riskTier":"high","farFromExploitationArea":true,"assessedOn":"'$TODAY'"}'
task "$T_COORD" match-shelter >/dev/null
api POST "/cases/$CASE/participants" "$T_COORD" '{"slot":"shelter","agencyId":"'$C'","reason":"Relocated to another city"}' &&
  expect 200
echo "  POST /cases/:id/participants -> HTTP $CODE ($(json '"from " + r.from + " to " + r.to' <<<"$BODY"))"
step "$T_COORD" match-shelter "$MATCH"
step "$T_C" answer-place-request '{"decision":"accepted","placesTotal":6,"placesFree":3}'
step "$T_NET" transfer-person "$TRANSFER"
step "$T_C" admit-person '{"houseRulesExplained":true,"outcome":"admitted","admittedOn":"'$TODAY'","locationCategory":"confidential-shelter","shareLocationWithNetwork":true,"consentForm":"written"}'
api GET "/cases/$CASE" "$T_B" && expect 404
echo "  GET /cases/:id by $(who "$T_B") (replaced) -> HTTP $CODE"

echo "7. Now she allows it: the network reads the location category; the stay and the exit follow"
api GET "/cases/$CASE" "$T_COORD" && expect 200
[ "$(json '(r.compartments.identity || []).map((x) => x.data.locationCategory).includes("confidential-shelter")' <<<"$BODY")" = true ] ||
  fail "the network does not see the location category it was allowed"
echo "  the location category is read by $(who "$T_COORD") under her consent"
step "$T_C_PSY" assess-and-plan-stay "$STAY"
step "$T_C" inform-rights "$RIGHTS"
step "$T_NET" plan-exit '{"exitRoute":"independent-living","plannedExitDate":"'$(day 30)'","agreedWithPerson":true}'
step "$T_C" confirm-exit '{"outcome":"moved-to-independent-living","exitedOn":"'$(day 30)'","finalEvaluationDone":true}'
wait_case "$T_COORD" completed
[ "$(json r.endState <<<"$BODY")" = stayed-in-destination ] || fail "unexpected end state"
[ "$(json r.state.personOutcome <<<"$BODY")" = stayed-in-destination ] || fail "unexpected person outcome"
echo "== shelter-admission walk passed"
