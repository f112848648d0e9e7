#!/usr/bin/env bash
# Walks the hotline crisis intake (docs/sops/hotline-intake.md) through the HTTP API with curl. Needs `npm start`
# running and Node.js:
#
#   docs/sops/walk/hotline-intake.sh
#
# A relative calls the hotline and gives no name (C4, L6566-L6567, L6602): the operator's risk check is due in five
# minutes. The person is in danger and agrees to medical help but not to the police: only the medical alert opens,
# while the NGO where she is starts looking for her at once. That NGO passes the search to a local outreach unit
# (L6623-L6626), which finds her and brings her to a safe place; she agrees to a referral, which starts a linked
# shelter admission carrying only its declared fields. The police read nothing of the case.
set -euo pipefail
cd "$(dirname "$0")/../../.."
API=${API:-http://localhost:3000}
. docs/sops/walk/lib.sh

OUTREACH=walk-impsex-outreach
echo "== tokens (npm run token; the token is the last line)"
T_OP=$(npm run --silent token -- --agency astra-hotline --role ngo-professional | tail -1)
T_CO=$(npm run --silent token -- --agency astra-hotline --role ngo-coordinator | tail -1)
T_OTR=$(npm run --silent token -- --agency on-the-road --role ngo-professional | tail -1)
T_OUT=$(npm run --silent token -- --agency $OUTREACH --role ngo-professional | tail -1)
T_POLICE=$(npm run --silent token -- --agency mossos-thb-unit --role police-officer | tail -1)
T_ADMIN=$(npm run --silent token -- --agency waymark-ops --role platform-admin | tail -1)
PEOPLE="T_OP T_CO T_OTR T_OUT T_POLICE"
for p in $PEOPLE; do echo "  $p = $(who "${!p}")"; done

echo "1. The platform admin registers the local outreach unit (201, or 409 when an earlier walk did)"
api POST /agencies "$T_ADMIN" '{"id":"'$OUTREACH'","name":"Outreach unit (walk)","kind":"ngo","country":"IT"}'
[ "$CODE" = 201 ] || [ "$CODE" = 409 ] || fail "expected HTTP 201 or 409, got $CODE: $BODY"
echo "  POST /agencies $OUTREACH -> HTTP $CODE"

echo "2. A call sheet with a name where a code is due is refused, naming the field"
CALL='"callerCategory":"relative","personCode":"P1","contactChannel":"phone","personCountry":"IT","exploitation":"sexual","isMinor":false'
api POST /cases "$T_OP" '{"sop":"hotline-intake","input":{"callerCode":"Milan Petrovic",'"$CALL"'}}' && expect 400
echo "  POST /cases -> HTTP $CODE: $(json 'JSON.stringify(r.fields.map((e) => e.field))' <<<"$BODY")"

echo "3. A relative calls and gives no name: the case holds codes only; the risk check is due in minutes"
start_case "$T_OP" '{"sop":"hotline-intake","input":{"callerCode":"C1",'"$CALL"',"language":"sr"}}'
ID=$(task "$T_OP" risk-check)
api GET "/tasks?caseId=$CASE&step=risk-check" "$T_OP" && expect 200
DUE=$(json '(r.items.map((t) => (Date.parse(t.dueAt) - Date.parse(t.openedAt)) / 60000)[0])' <<<"$BODY")
[ "$DUE" = 5 ] || fail "the risk check is not due five minutes after it opened: $DUE"
echo "  risk-check due $DUE minutes after it opened"
only_for "$T_OP" "$ID"
complete "$T_OP" "$ID" '{"immediateDanger":true,"dangerKind":"held-against-will","personReachable":true,"whereaboutsKnown":"town"}'
echo "    completed -> HTTP $CODE"

echo "4. Two tracks at once: the emergency agreement at the hotline, the search at the NGO where she is"
task "$T_OP" emergency-consent >/dev/null
task "$T_OTR" locate-and-assist >/dev/null
expect_inbox "$T_OP" emergency-consent
expect_inbox "$T_OTR" locate-and-assist

echo "5. She agrees to medical help, not to the police: only the medical alert opens"
step "$T_OP" emergency-consent '{"agreesToPolice":false,"agreesToMedical":true,"givenBy":"person","consentForm":"verbal"}'
task "$T_OP" alert-medical >/dev/null
expect_inbox "$T_OP" alert-medical
step "$T_OP" alert-medical '{"alerted":true,"responseConfirmed":true}'

echo "6. The NGO passes the search to the local outreach unit: the lead puts it in the slot, the NGO loses the case"
api POST "/cases/$CASE/participants" "$T_CO" '{"slot":"partner-ngo","agencyId":"'$OUTREACH'","reason":"Outreach unit where she is"}' &&
  expect 200
echo "  POST /cases/:id/participants -> HTTP $CODE ($(json '"from " + r.from + " to " + r.to' <<<"$BODY"))"
api GET "/cases/$CASE" "$T_OTR" && expect 404
echo "  GET /cases/:id by $(who "$T_OTR") -> HTTP $CODE"
step "$T_OUT" locate-and-assist '{"outcome":"found-and-safe","safePlace":"shelter","reachedOn":"'$(day 0)'","personAgreesToReferral":true,"givenBy":"person","consentForm":"verbal"}'

echo "7. The police read nothing of the case"
api GET "/cases/$CASE" "$T_POLICE" && expect 404
echo "  GET /cases/:id by $(who "$T_POLICE") -> HTTP $CODE"

echo "8. The hotline refers her to a shelter admission: a linked case with only the declared fields"
step "$T_CO" refer-on '{"referral":"shelter-admission","placeRequestedBy":"hotline","identificationStatus":"presumed"}'
wait_case "$T_CO" open "r.links.some((l) => l.relation === 'follow-on')"
HOTLINE=$CASE
FOLLOW_ON=$(json "r.links.find((l) => l.relation === 'follow-on').caseId" <<<"$BODY")
echo "  link: $(json 'JSON.stringify(r.links.map(({ caseId, sop, relation }) => ({ caseId, sop, relation })))' <<<"$BODY")"
CASE=$FOLLOW_ON
wait_case "$T_CO" open "(r.compartments.intake || []).length > 0"
CARRIED=$(json 'Object.keys(r.compartments.intake[0].data).sort().join(",")' <<<"$BODY")
[ "$CARRIED" = hostCountry,identificationStatus,isMinor,referralSource ] || fail "carried: $CARRIED"
echo "  the shelter admission's intake holds only: $CARRIED"
task "$T_CO" assess-risk >/dev/null
expect_inbox "$T_CO" assess-risk

echo "9. The operator closes the call: the caller hears only what she allowed"
CASE=$HOTLINE
step "$T_OP" close-contact '{"callerInformed":true,"followUpCallAgreed":true}'
wait_case "$T_CO" completed
[ "$(json r.endState <<<"$BODY")" = referred-for-assistance ] || fail "unexpected end state"
[ "$(json r.state.personOutcome <<<"$BODY")" = assisted ] || fail "unexpected person outcome"
echo "10. She withdraws the consent the referral travelled under: the shelter case's lead hears of it on that case"
api GET "/cases/$HOTLINE/consents" "$T_CO"
expect 200
CONSENT=$(json "r.items.find((c) => c.purpose === 'assistance' && c.status === 'active').consentId" <<<"$BODY")
api POST "/cases/$HOTLINE/consents/$CONSENT/withdraw" "$T_CO" '{"reason":"She no longer wants the referral"}'
expect 200
api GET "/notifications?limit=200" "$T_CO"
expect 200
[ "$(json "r.items.some((n) => n.kind === 'consent-withdrawn' && n.caseId === '$FOLLOW_ON')" <<<"$BODY")" = true ] ||
  fail "no consent-withdrawn notice on the follow-on case"
echo "  consent-withdrawn notice on the shelter admission case $FOLLOW_ON"
echo "== hotline-intake walk passed"
