#!/usr/bin/env bash
# Walks the court-testimony SOP through the HTTP API with curl (see docs/sops/court-testimony.md, "Walk it with
# curl"). Needs `npm start` running and Node.js; run from anywhere:
#
#   docs/sops/walk/court-testimony.sh [main|declined|consent-later|all]      (default: all)
#   API=http://localhost:3100 docs/sops/walk/court-testimony.sh main
#
# Every task is checked against every other person below: not in their inbox, 404 (other agency) or 403 (same
# agency, other role) when they try to complete it.
set -euo pipefail
cd "$(dirname "$0")/../../.."
API=${API:-http://localhost:3000}
. docs/sops/walk/lib.sh

LAWYER_AGENCY=walk-witness-lawyer
echo "== tokens (npm run token; the token is the last line)"
T_PROSECUTOR=$(npm run --silent token -- --agency prosecutor-office-heilbronn --role prosecutor | tail -1)
T_POLICE=$(npm run --silent token -- --agency police-witness-protection --role police-officer | tail -1)
T_NGO=$(npm run --silent token -- --agency mh-heilbronn --role ngo-coordinator | tail -1)
T_PRO=$(npm run --silent token -- --agency mh-heilbronn --role ngo-professional | tail -1)
T_ORIGIN=$(npm run --silent token -- --agency adpare --role ngo-professional | tail -1)
T_LAWYER=$(npm run --silent token -- --agency $LAWYER_AGENCY --role victim-advocate | tail -1)
T_ADMIN=$(npm run --silent token -- --agency waymark-ops --role platform-admin | tail -1)
PEOPLE="T_PROSECUTOR T_POLICE T_NGO T_PRO T_ORIGIN T_LAWYER"
for p in $PEOPLE; do echo "  $p = $(who "${!p}")"; done

TODAY=$(day 0)
intake() {
  echo '{"sop":"court-testimony","input":{"requestCode":"HN-WALK-'"$1"'","witnessCode":"P1","requestedBy":"police","proceedings":"trial","courtInAnotherCountry":'"$2"',"witnessCountry":"RO","isMinor":false}}'
}
INFORM='{"informedOn":"'$TODAY'","informedThrough":"origin-ngo","language":"ro","interpreterUsed":true,"proceedingsExplained":true}'
RISK='{"overallRisk":"high","riskFromNetwork":"high","riskToFamily":"medium","policeEscortToCourt":true,"protectionAtHearing":true,"familyProtection":true,"identityShielding":true}'
hearing() { echo '{"hearingDate":"'"$1"'","courtCode":"LG-HN","attendance":"in-person","separateWaitingArea":true,"screenOrClosedSession":true,"courtArrangesTravel":"no"}'; }
travel() { echo '{"outboundDate":"'"$1"'","accommodationArranged":true,"companionTravels":true,"escortTravels":false,"costsCoveredBy":"destination-ngo"}'; }
PREPARE='{"counsellingSessions":2,"proceedingsExplained":true,"interpreterBooked":true,"interpreterLanguage":"ro","enoughPreparationTime":false}'
ESCORT='{"outcome":"testified","accompanied":true,"interpreterAtHearing":true,"policeProtectionProvided":true,"orderedMeasuresApplied":true}'
FOLLOW='{"counsellingAfter":true,"returnTravel":"done","informedOfOutcome":true,"furtherHearingExpected":false}'

walk_main() {
  echo "== main path: a court in another country, a lawyer who joins late, a postponed hearing"
  echo "1. The platform admin registers the lawyer's office the witness will choose (201, or 409 when an earlier walk did)"
  api POST /agencies "$T_ADMIN" '{"id":"'$LAWYER_AGENCY'","name":"Witness lawyer (walk)","kind":"ngo"}'
  [ "$CODE" = 201 ] || [ "$CODE" = 409 ] || fail "expected HTTP 201 or 409, got $CODE: $BODY"
  echo "  POST /agencies -> HTTP $CODE"
  echo "2. The prosecutor asks for the testimony; the NGO informs the witness through the NGO in her country"
  start_case "$T_PROSECUTOR" "$(intake 1 true)"
  step "$T_PRO" inform-witness "$INFORM"
  echo "3. The witness agrees to testify and to let the NGO share needs and risks with the police"
  step "$T_PRO" testimony-decision '{"decision":"testify","givenBy":"person","consentForm":"written","shareRisksWithPolice":true}'
  echo "4. In parallel: the lawyer's authorisation (NGO coordinator) and the police's risk assessment"
  step "$T_NGO" appoint-advocate '{"advocateStatus":"appointed","authorisationSignedBy":"person","authorisationOn":"'$TODAY'"}'
  step "$T_POLICE" risk-assessment "$RISK"
  echo "5. The lawyer the witness chose joins the case: the lead's coordinator puts the office in the advocate slot"
  api POST "/cases/$CASE/participants" "$T_PRO" '{"slot":"advocate","agencyId":"'$LAWYER_AGENCY'","reason":"Chosen by the witness"}' &&
    expect 403
  echo "  by $(who "$T_PRO") -> HTTP $CODE"
  api POST "/cases/$CASE/participants" "$T_NGO" '{"slot":"advocate","agencyId":"'$LAWYER_AGENCY'","reason":"Chosen by the witness"}' &&
    expect 200
  echo "  by $(who "$T_NGO") -> HTTP $CODE $(json '"from " + r.from + " to " + r.to' <<<"$BODY")"
  echo "6. Each side reads only its compartments: the police not the support notes, the NGO not the police's measures"
  api GET "/cases/$CASE" "$T_POLICE" && expect 200
  SEEN=$(json 'Object.keys(r.compartments).sort().join(",")' <<<"$BODY")
  [ "$SEEN" = "inspection,intake" ] || fail "the police read [$SEEN]"
  echo "  $(who "$T_POLICE") reads [$SEEN]"
  api GET "/cases/$CASE" "$T_NGO" && expect 200
  SEEN=$(json 'Object.keys(r.compartments).sort().join(",")' <<<"$BODY")
  [ "$SEEN" = "intake,protection,return" ] || fail "the NGO reads [$SEEN]"
  echo "  $(who "$T_NGO") reads [$SEEN]"
  echo "7. The prosecutor confirms the hearing in 20 days: the preparation is due by then"
  step "$T_PROSECUTOR" confirm-hearing "$(hearing "$(day 20)")"
  TRAVEL=$(task "$T_ORIGIN" book-travel)
  api POST "/tasks/$TRAVEL/complete" "$T_ORIGIN" '{"form":'"$(travel "$(day 25)")"'}' && expect 400
  REASON=$(json 'r.fields.map((f) => f.field + ": " + f.reason).join("; ")' <<<"$BODY")
  [[ $REASON == *"form.outboundDate"*"(deadline hearing-date)"* ]] || fail "unexpected reason: $REASON"
  echo "  travel after the hearing -> HTTP $CODE $REASON"
  echo "8. The hearing is postponed (only the prosecutor or the lead's coordinator may say so): a new round"
  event "$T_POLICE" '{"type":"hearing-postponed","data":{"reason":"court-schedule","announcedOn":"'$TODAY'"}}'
  [ "$CODE" = 403 ] || [ "$CODE" = 404 ] || fail "expected 403 or 404 for the police, got $CODE"
  event "$T_PROSECUTOR" '{"type":"hearing-postponed","data":{"reason":"court-schedule","announcedOn":"'$TODAY'"}}'
  expect 202
  wait_case "$T_NGO" open "r.state.round === 2"
  echo "9. Round 2: the hearing is today (short notice); travel, the lawyer meeting and counselling by then"
  step "$T_PROSECUTOR" confirm-hearing "$(hearing "$TODAY")"
  wait_case "$T_NGO" open "r.dataDeadlines.some((d) => d.id === 'hearing-date' && d.at && d.at.startsWith('$TODAY'))"
  step "$T_ORIGIN" book-travel "$(travel "$TODAY")"
  step "$T_LAWYER" lawyer-meeting '{"meetingOn":"'$TODAY'","interpreterProvided":true,"interpretationAdequate":false}'
  step "$T_PRO" pre-trial-support "$PREPARE"
  echo "10. On the hearing day the NGO accompanies the witness, then follows up"
  step "$T_PRO" hearing-escort "$ESCORT"
  step "$T_PRO" post-hearing-follow-up "$FOLLOW"
  wait_case "$T_NGO" completed
  [ "$(json r.endState <<<"$BODY")" = testimony-given ] || fail "unexpected end state"
}

walk_declined() {
  echo "== branch: the witness declines; the witness path ends, no risk assessment, no data to the police"
  start_case "$T_PROSECUTOR" "$(intake 2 false)"
  step "$T_PRO" inform-witness "$INFORM"
  step "$T_PRO" testimony-decision '{"decision":"declines","givenBy":"person","consentForm":"verbal","shareRisksWithPolice":false}'
  wait_case "$T_NGO" completed
  [ "$(json 'r.endState + " " + r.state.personOutcome' <<<"$BODY")" = "declined-to-testify assisted" ] ||
    fail "unexpected end: $(json 'r.endState + " " + r.state.personOutcome' <<<"$BODY")"
  api GET "/tasks?caseId=$CASE&status=all" "$T_POLICE" && expect 200
  [ "$(json 'r.items.length' <<<"$BODY")" = 0 ] || fail "the police got a task"
  echo "  the police never had a task"
}

walk_consent_later() {
  echo "== branch: no consent at the decision; the risk assessment waits until the NGO records one"
  start_case "$T_PROSECUTOR" "$(intake 3 false)"
  step "$T_PRO" inform-witness "$INFORM"
  step "$T_PRO" testimony-decision '{"decision":"testify","givenBy":"person","consentForm":"verbal","shareRisksWithPolice":false}'
  step "$T_NGO" appoint-advocate '{"advocateStatus":"not-wanted"}'
  wait_case "$T_NGO" open "r.waitingForConsent.some((w) => w.step === 'risk-assessment')"
  expect_inbox "$T_POLICE" ""
  api POST "/cases/$CASE/consents" "$T_PRO" '{"purpose":"sharing","sharedWithAgency":"police-witness-protection","scope":["needs-and-risks"],"form":"written","givenBy":"person"}'
  expect 201
  echo "  consent recorded -> HTTP $CODE"
  step "$T_POLICE" risk-assessment "$RISK"
  echo "  the witness withdraws before the hearing: the case ends, the assistance does not depend on it"
  task "$T_PROSECUTOR" confirm-hearing >/dev/null
  event "$T_PRO" '{"type":"witness-withdraws","data":{"reason":"fear-of-reprisals"}}'
  expect 202
  wait_case "$T_NGO" completed
  [ "$(json r.endState <<<"$BODY")" = declined-to-testify ] || fail "unexpected end state"
}

case "${1:-all}" in
  main) walk_main ;;
  declined) walk_declined ;;
  consent-later) walk_consent_later ;;
  all)
    walk_main
    walk_declined
    walk_consent_later
    ;;
  *) fail "unknown walk: $1 (main|declined|consent-later|all)" ;;
esac
echo "== done"
