#!/usr/bin/env bash
# Walks the assisted-return SOP through the HTTP API with curl (see docs/sops/assisted-return.md,
# "Walk it with curl"). Needs `npm start` running and Node.js; run from anywhere:
#
#   docs/sops/walk/assisted-return.sh [main|consent-refused|child-absconded|all]      (default: all)
#   API=http://localhost:3100 docs/sops/walk/assisted-return.sh main
#
# Every task is checked against every other person below: not in their inbox, 404 (other agency) or 403 (same
# agency, other role) when they try to complete it.
set -euo pipefail
cd "$(dirname "$0")/../../.."
API=${API:-http://localhost:3000}
. docs/sops/walk/lib.sh

echo "== tokens (npm run token; the token is the last line)"
T_DEST=$(npm run --silent token -- --agency mh-heilbronn --role ngo-caseworker | tail -1)
T_DEST_COORD=$(npm run --silent token -- --agency mh-heilbronn --role ngo-coordinator | tail -1)
T_ORIGIN=$(npm run --silent token -- --agency adpare --role ngo-caseworker | tail -1)
T_CONSUL=$(npm run --silent token -- --agency ro-consulate-stuttgart --role consular-officer | tail -1)
T_IOM=$(npm run --silent token -- --agency iom-germany --role return-officer | tail -1)
T_CHILD_AUTH=$(npm run --silent token -- --agency ro-child-protection --role child-protection-officer | tail -1)
T_OUTSIDER=$(npm run --silent token -- --agency other-ngo --role ngo-caseworker | tail -1)
PEOPLE="T_DEST T_DEST_COORD T_ORIGIN T_CONSUL T_IOM T_CHILD_AUTH T_OUTSIDER"
for p in $PEOPLE; do echo "  $p = $(who "${!p}")"; done

TODAY=$(day 0)
IN_10_DAYS=$(day 10) # a child's planned return, too close for the one-month referral rule
IN_60_DAYS=$(day 60) # departure and arrival
IN_90_DAYS=$(day 90) # the adult's planned return
IN_A_YEAR=$(day 365) # validity of the travel document
OPTIONS='{"option":"return-to-origin","informedOfOptionsAndRights":true}'
CONSENT='{"consentGiven":true,"consentForm":"written","shareStory":false,"shareNeeds":true,"shareRisks":true,"sharePickUpDetails":true,"recordedOn":"'$TODAY'"}'
REFER='{"channel":"email","dataFormat":"iom-case-data","personReferredBy":"case-code","singleContactPerson":true}'

walk_main() {
  echo "== main path: an adult returns with IOM, arrives safely, is followed up and the case closes"
  echo "1. The destination NGO's caseworker opens the case"
  start_case "$T_DEST" '{"sop":"assisted-return","input":{"isMinor":false,"plannedReturnDate":"'$IN_90_DAYS'","returnCountry":"RO","hostCountry":"DE"}}'
  echo "2. Return options and consent (the person decides), then the referral to the origin NGO"
  step "$T_DEST" assess-return-options "$OPTIONS"
  step "$T_DEST" record-consent "$CONSENT"
  step "$T_DEST" refer-to-origin "$REFER"
  echo "3. Four tracks open in parallel, each in its own inbox"
  task "$T_DEST" request-travel-documents >/dev/null
  task "$T_DEST" prepare-person-for-return >/dev/null
  task "$T_ORIGIN" origin-social-enquiry >/dev/null
  task "$T_IOM" assess-return-case >/dev/null
  expect_inbox "$T_DEST" "request-travel-documents prepare-person-for-return"
  expect_inbox "$T_DEST_COORD" ""
  expect_inbox "$T_ORIGIN" origin-social-enquiry
  expect_inbox "$T_IOM" assess-return-case
  expect_inbox "$T_CONSUL" ""
  echo "4. Travel documents: requested by the destination NGO, issued by the consulate (an event)"
  step "$T_DEST" request-travel-documents '{"documentNeeded":"temporary-passport"}'
  ISSUED='{"type":"travel-document-issued","data":{"documentType":"temporary-passport","validUntil":"'$IN_A_YEAR'","identityConfirmedBy":"consular-interview"}}'
  event "$T_ORIGIN" "$ISSUED"
  expect 403
  event "$T_CONSUL" "$ISSUED"
  expect 202
  echo "5. IOM accepts the case; the destination NGO prepares the person"
  step "$T_IOM" assess-return-case '{"decision":"accepted","programme":"reag","assessedBy":"phone-interview","arrivalSupport":true}'
  step "$T_DEST" prepare-person-for-return '{"phoneSessionsWithOriginNgo":3,"optionsAndRightsExplained":true,"protectionWhileWaiting":"shelter","testimonyDecision":"not-asked"}'
  echo "6. The origin NGO: social enquiry, risk assessment, reintegration plan"
  step "$T_ORIGIN" origin-social-enquiry '{"enquiryRequestedVia":"national-anti-trafficking-agency","familyTracing":"traced-and-contacted","familySituation":"supportive","translatedAndForwarded":true}'
  step "$T_ORIGIN" assess-return-risk '{"physicalHealth":"no-concern","emotionalState":"stable","riskFromFamily":"none","riskFromNetwork":"medium","riskBehaviours":"none","overallRisk":"medium","familyReturnSafe":true,"returnAdvisable":true,"assessedOn":"'$TODAY'"}'
  step "$T_ORIGIN" draft-reintegration-plan '{"agreedWithPerson":true,"destinationInputsReceived":true,"placementOnArrival":"family","residentialWeeks":0,"monitoringMonths":1}'
  echo "7. Everything assessed: IOM books the travel, the origin NGO arranges the reception"
  step "$T_IOM" book-travel '{"departureDate":"'$IN_60_DAYS'","travelMode":"flight","escort":"return-agency-escort","fundedBy":"iom-reag"}'
  step "$T_ORIGIN" arrange-reception '{"pickUpPoint":"airport","receivingTeam":"origin-ngo","placement":"family"}'
  echo "8. Departure confirmed at the destination, safe arrival at the origin"
  step "$T_DEST" confirm-departure '{"departedOn":"'$IN_60_DAYS'","documentsHandedOver":true,"borderPoliceNotified":"not-required"}'
  step "$T_ORIGIN" confirm-safe-arrival '{"arrivedOn":"'$IN_60_DAYS'","receivedBy":"origin-ngo","placedIn":"family"}'
  echo "9. Monitoring (person P1): the initial follow-up report recommends closing; the origin NGO closes"
  step "$T_ORIGIN" follow-up-report '{"contact":"home-visit","assistancePhase":"case-management","livingSituation":"family","riskChange":"decreased","recommendClosure":true}' P1
  step "$T_ORIGIN" close-monitoring '{"closureReason":"reintegration-achieved","outcome":"reintegrated","finalReportSent":true}' P1
  echo "10. The case ends; another agency cannot even see it"
  wait_case "$T_DEST" completed
  [ "$(json r.endState <<<"$BODY")" = closed-after-monitoring ] || fail "unexpected end state"
  api GET "/cases/$CASE" "$T_OUTSIDER"
  expect 404
  echo "  GET /cases/:id by $(who "$T_OUTSIDER") -> HTTP $CODE"
}

walk_consent_refused() {
  echo "== branch: an adult refuses consent; nothing is referred"
  echo "1. The destination NGO's caseworker opens the case"
  start_case "$T_DEST" '{"sop":"assisted-return","input":{"isMinor":false,"plannedReturnDate":"'$IN_90_DAYS'","returnCountry":"RO"}}'
  echo "2. Return options, then consent refused"
  step "$T_DEST" assess-return-options "$OPTIONS"
  step "$T_DEST" record-consent '{"consentGiven":false,"consentForm":"verbal","shareStory":false,"shareNeeds":true,"shareRisks":true,"sharePickUpDetails":true,"recordedOn":"'$TODAY'"}'
  echo "3. The case ends; the origin NGO never had a task"
  wait_case "$T_DEST" completed
  [ "$(json r.endState <<<"$BODY")" = consent-refused ] || fail "unexpected end state"
  api GET "/tasks?caseId=$CASE&status=all" "$T_ORIGIN"
  expect 200
  [ "$(json r.items.length <<<"$BODY")" = 0 ] || fail "the origin NGO has tasks"
  echo "  origin NGO tasks in this case, any status: $(json r.items.length <<<"$BODY")"
}

walk_child_absconded() {
  echo "== branch: a child, referred late; the coordinator re-plans, the child authority assesses, the child runs away"
  echo "1. The destination NGO's caseworker opens the case of a child returning in 10 days"
  start_case "$T_DEST" '{"sop":"assisted-return","input":{"isMinor":true,"plannedReturnDate":"'$IN_10_DAYS'","returnCountry":"RO"}}'
  echo "2. Options, consent, referral (less than 30 days before the return)"
  step "$T_DEST" assess-return-options "$OPTIONS"
  step "$T_DEST" record-consent "$CONSENT"
  step "$T_DEST" refer-to-origin "$REFER"
  echo "3. The late referral goes to the coordinator only (not the caseworker of the same NGO)"
  step "$T_DEST_COORD" replan-return-date '{"decision":"confirm-date","reason":"Origin NGO can receive at short notice."}'
  echo "4. The origin child-protection authority assesses the family"
  step "$T_CHILD_AUTH" assess-child-family '{"familyInvestigated":true,"familyCanReceiveChild":"not-yet","recommendedPlacement":"ngo-youth-flat","custody":"parents-hold-custody"}'
  echo "5. The child runs away: the consulate may not report it, the origin NGO may"
  RAN='{"type":"person-absconded","data":{"lastContactOn":"'$TODAY'","reportedToPolice":true}}'
  event "$T_CONSUL" "$RAN"
  expect 403
  event "$T_ORIGIN" "$RAN"
  expect 202
  echo "6. The case ends with the warning on its timeline; every inbox is empty"
  wait_case "$T_DEST_COORD" completed
  [ "$(json r.endState <<<"$BODY")" = absconded ] || fail "unexpected end state"
  echo "  warnings: $(json 'r.timeline.filter((e) => e.kind === "warning").map((e) => e.step + " " + e.detail.rule)' <<<"$BODY")"
  for p in $PEOPLE; do expect_inbox "${!p}" ""; done
}

case "${1:-all}" in
  main) walk_main ;;
  consent-refused) walk_consent_refused ;;
  child-absconded) walk_child_absconded ;;
  all)
    walk_main
    walk_consent_refused
    walk_child_absconded
    ;;
  *) fail "usage: $0 [main|consent-refused|child-absconded|all]" ;;
esac
echo "== done"
