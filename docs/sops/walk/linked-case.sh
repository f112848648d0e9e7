#!/usr/bin/env bash
# Walks linked cases through the HTTP API with curl (see docs/domain.md, "Linked cases"). Needs `npm start` running
# and Node.js; run from anywhere:
#
#   docs/sops/walk/linked-case.sh
#   API=http://localhost:3100 docs/sops/walk/linked-case.sh
#
# A joint police-NGO operation finds one person, who accepts assistance and chooses to return. Once the person's
# consent to pass data to the return's team is recorded, the NGO's referral starts an assisted-return case for the
# person (a follow-on) carrying only the three intake fields that SOP needs; until then the case waits for it. Both cases show the link; the police see
# the return case's id and SOP, never the case. Then the police coordinator links a second operation by hand.
set -euo pipefail
cd "$(dirname "$0")/../../.."
API=${API:-http://localhost:3000}
. docs/sops/walk/lib.sh

echo "== tokens (npm run token; the token is the last line)"
T_POLICE=$(npm run --silent token -- --agency mossos-thb-unit --role police-coordinator | tail -1)
T_OFFICER=$(npm run --silent token -- --agency mossos-thb-unit --role police-officer | tail -1)
T_NGO=$(npm run --silent token -- --agency sicar-cat --role ngo-coordinator | tail -1)
T_PRO=$(npm run --silent token -- --agency sicar-cat --role ngo-professional | tail -1)
PEOPLE="T_POLICE T_OFFICER T_NGO T_PRO"
for p in $PEOPLE; do echo "  $p = $(who "${!p}")"; done

RETURN_DATE=$(day 40)

echo "1. The police open a joint operation; the NGO joins; the police deploy and identify one person (P1)"
start_case "$T_POLICE" '{"sop":"joint-operation","input":{"operationCode":"OP-WALK-LINK","exploitationType":"sexual","plannedDate":"'"$(day 7)"'"}}'
OPERATION=$CASE
step "$T_NGO" accept-request '{"decision":"accepted","contactPointCode":"SC-07"}'
step "$T_POLICE" plan-operation '{"deploymentDate":"2025-06-01","officersDeployed":8,"sitesCount":1,"expectedPersons":1,"communicationChannelAgreed":true}'
step "$T_NGO" plan-logistics '{"accommodationPlaces":1,"interpretersBooked":1,"referralRoutes":["shelter","return-programme"],"ngoProfessionalsOnSite":1}'
step "$T_OFFICER" deploy-operation '{"deployedOn":"2025-06-01","personsIdentified":1,"ngoPresent":true}'

echo "2. P1 is informed of their rights and future options, accepts assistance and chooses to return"
step "$T_PRO" rights-information '{"informedAt":"2025-06-01","language":"ro","interpreterUsed":true,"topicsCovered":["rights","future-options"],"understood":true}' P1
step "$T_PRO" assistance-decision '{"assistance":"accepts","cooperationWithPolice":"undecided","consentRecorded":true}' P1
step "$T_NGO" arrange-assistance '{"accommodation":"ngo-shelter","interpreterAssigned":true,"futureOption":"assisted-return"}' P1

echo "3. The NGO refers P1 to an assisted return; nothing is carried before the person's consent: the case waits, visibly"
step "$T_PRO" refer-for-return '{"referral":"refer","isMinor":false,"returnCountry":"RO","plannedReturnDate":"'"$RETURN_DATE"'","note":"Stays in this case only"}' P1
wait_case "$T_NGO" open "r.waitingForConsent.some((w) => w.step === 'refer-for-return' && w.subject === 'P1')"
echo "  waiting for consent: $(json 'JSON.stringify(r.waitingForConsent.map(({ step, subject, purpose, scope }) => ({ step, subject, purpose, scope })))' <<<"$BODY")"
[ "$(json 'r.links.length' <<<"$BODY")" = 0 ] || fail "a follow-on started before the consent"

echo "4. The person consents to pass data to the team organising the return: the follow-on case starts"
api POST "/cases/$OPERATION/consents" "$T_PRO" '{"purpose":"return","scope":["identity","travel"],"form":"verbal","givenBy":"person"}' &&
  expect 201
echo "  POST /cases/:id/consents -> HTTP $CODE"
wait_case "$T_NGO" open "r.links.some((l) => l.relation === 'follow-on')"
FOLLOW_ON=$(json "r.links.find((l) => l.relation === 'follow-on').caseId" <<<"$BODY")
echo "  link on the operation: $(json 'JSON.stringify(r.links.map(({ caseId, sop, relation, direction }) => ({ caseId, sop, relation, direction })))' <<<"$BODY")"
[ "$(json "r.links.find((l) => l.caseId === '$FOLLOW_ON').sop + '/' + r.links[0].direction" <<<"$BODY")" = assisted-return/outgoing ] ||
  fail "expected an outgoing link to an assisted-return case"
[ "$(json 'r.waitingForConsent.length' <<<"$BODY")" = 0 ] || fail "the case still shows the consent wait"

echo "5. The follow-on case: an assisted return led by the operation's NGO, linked back, with only the declared intake"
CASE=$FOLLOW_ON
wait_case "$T_NGO" open "r.links.length === 1 && (r.compartments.intake || []).length > 0"
[ "$(json 'r.sop' <<<"$BODY")" = assisted-return ] || fail "the follow-on is not an assisted-return case"
[ "$(json 'r.participants["destination-ngo"]' <<<"$BODY")" = sicar-cat ] || fail "the operation's NGO does not lead the return"
[ "$(json "r.links[0].caseId + '/' + r.links[0].sop + '/' + r.links[0].relation + '/' + r.links[0].direction" <<<"$BODY")" = "$OPERATION/joint-operation/follow-on/incoming" ] ||
  fail "the follow-on does not link back to the operation: $(json 'JSON.stringify(r.links)' <<<"$BODY")"
CARRIED=$(json 'r.compartments.intake.flatMap((x) => Object.keys(x.data)).sort().join(",")' <<<"$BODY")
[ "$CARRIED" = isMinor,plannedReturnDate,returnCountry ] || fail "carried intake holds more than declared: $CARRIED"
echo "  carried intake fields: $CARRIED; timeline: $(json 'r.timeline.filter((e) => e.kind === "case-linked").map((e) => e.detail.relation + " " + e.detail.direction).join(", ")' <<<"$BODY")"

echo "6. Access stays per case: the police see the link (id and SOP only), not the return case"
CASE=$OPERATION
api GET "/cases/$OPERATION" "$T_POLICE" && expect 200
[ "$(json "(r.links.find((l) => l.caseId === '$FOLLOW_ON') || {}).sop" <<<"$BODY")" = assisted-return ] ||
  fail "the police do not see the link"
api GET "/cases/$FOLLOW_ON" "$T_POLICE" && expect 404
echo "  GET the return case by $(who "$T_POLICE") -> HTTP $CODE"

echo "7. The police coordinator links a second operation by hand (same operation)"
start_case "$T_POLICE" '{"sop":"joint-operation","input":{"operationCode":"OP-WALK-LINK-2","exploitationType":"sexual","plannedDate":"'"$(day 8)"'"}}'
SECOND=$CASE
CASE=$OPERATION
api POST "/cases/$OPERATION/links" "$T_OFFICER" '{"caseId":"'$SECOND'","relation":"same-operation"}' && expect 403
echo "  by $(who "$T_OFFICER") -> HTTP $CODE $(json r.message <<<"$BODY")"
api POST "/cases/$OPERATION/links" "$T_POLICE" '{"caseId":"'$SECOND'","relation":"same-operation"}' && expect 200
[ "$(json r.created <<<"$BODY")" = true ] || fail "expected a new link: $BODY"
echo "  by $(who "$T_POLICE") -> HTTP $CODE $(json 'JSON.stringify(r.link)' <<<"$BODY")"
api POST "/cases/$OPERATION/links" "$T_POLICE" '{"caseId":"'$SECOND'","relation":"same-operation"}' && expect 200
[ "$(json r.created <<<"$BODY")" = false ] || fail "a repeat linked twice: $BODY"
echo "  again -> HTTP $CODE, created: $(json r.created <<<"$BODY")"

echo "8. Bad links are refused with the field and the reason"
api POST "/cases/$OPERATION/links" "$T_POLICE" '{"caseId":"'$SECOND'","relation":"cousins"}' && expect 400
echo "  unknown relation -> HTTP $CODE $(json 'r.fields.map((f) => f.field + ": " + f.reason).join("; ")' <<<"$BODY")"
[ "$(json 'r.fields[0].field' <<<"$BODY")" = relation ] || fail "the 400 does not name relation"
api POST "/cases/$OPERATION/links" "$T_POLICE" '{"caseId":"'$OPERATION'","relation":"same-operation"}' && expect 409
echo "  the case itself -> HTTP $CODE $(json r.message <<<"$BODY")"
api POST "/cases/$OPERATION/links" "$T_POLICE" '{"caseId":"'$FOLLOW_ON'","relation":"same-family"}' && expect 404
echo "  a case the police cannot see -> HTTP $CODE"

echo "9. The second operation shows the link too"
CASE=$SECOND
wait_case "$T_POLICE" open "r.links.some((l) => l.caseId === '$OPERATION' && l.direction === 'incoming')"
echo "  links: $(json 'JSON.stringify(r.links.map(({ sop, relation, direction }) => ({ sop, relation, direction })))' <<<"$BODY")"
echo "== linked-case walk passed"
