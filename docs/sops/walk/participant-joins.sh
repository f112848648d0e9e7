#!/usr/bin/env bash
# Walks an agency joining a running case through the HTTP API with curl (see docs/domain.md, "Agencies that join a
# running case"). Needs `npm start` running and Node.js; run from anywhere:
#
#   docs/sops/walk/participant-joins.sh
#   API=http://localhost:3100 docs/sops/walk/participant-joins.sh
#
# The demo SOP hands a case from demo-a to demo-b; while demo-b holds the open task, the lead (demo-a's supervisor)
# withdraws demo-b from the case (the lead holds its task), then puts another agency in demo-b's slot. The task
# moves, demo-b loses the case at the withdrawal, the agency that joined finishes it.
set -euo pipefail
cd "$(dirname "$0")/../../.."
API=${API:-http://localhost:3000}
. docs/sops/walk/lib.sh

JOINING=walk-joining-agency
echo "== tokens (npm run token; the token is the last line)"
T_A=$(npm run --silent token -- --agency demo-a --role caseworker | tail -1)
T_LEAD=$(npm run --silent token -- --agency demo-a --role supervisor | tail -1)
T_B=$(npm run --silent token -- --agency demo-b --role caseworker | tail -1)
T_JOIN=$(npm run --silent token -- --agency $JOINING --role caseworker | tail -1)
T_ADMIN=$(npm run --silent token -- --agency waymark-ops --role platform-admin | tail -1)
PEOPLE="T_A T_LEAD T_B T_JOIN"
for p in $PEOPLE; do echo "  $p = $(who "${!p}")"; done

echo "1. The platform admin registers the agency that will join (201, or 409 when an earlier walk did)"
api POST /agencies "$T_ADMIN" '{"id":"'$JOINING'","name":"Agency found later","kind":"ngo"}'
[ "$CODE" = 201 ] || [ "$CODE" = 409 ] || fail "expected HTTP 201 or 409, got $CODE: $BODY"
echo "  POST /agencies -> HTTP $CODE"

echo "2. demo-a opens a case and hands it on: the outcome waits in demo-b's inbox"
start_case "$T_A" '{"sop":"demo-handoff","input":{"channel":"referral"}}'
step "$T_A" review-intake '{"ready":true}'
OUTCOME=$(task "$T_B" record-outcome)
echo "  record-outcome: task $OUTCOME in the inbox of $(who "$T_B")"

echo "3. Only the lead's coordinator changes a participant, and only to a registered agency"
api POST "/cases/$CASE/participants" "$T_B" '{"slot":"b","agencyId":"'$JOINING'","reason":"Referred on"}' && expect 403
echo "  by $(who "$T_B") -> HTTP $CODE"
api POST "/cases/$CASE/participants" "$T_LEAD" '{"slot":"b","agencyId":"nobody-here","reason":"Referred on"}' &&
  expect 400
echo "  an unknown agency -> HTTP $CODE $(json 'r.fields.map((f) => f.field + " " + f.reason).join("; ")' <<<"$BODY")"

echo "4. demo-b withdraws from the case: its access ends now; the lead agency holds the slot and its open task"
api POST "/cases/$CASE/participants" "$T_LEAD" '{"slot":"b","withdraw":true,"agencyId":"'$JOINING'","reason":"Withdrew"}' &&
  expect 400
echo "  a withdrawal that also names an agency -> HTTP $CODE $(json 'r.fields.map((f) => f.field + " " + f.reason).join("; ")' <<<"$BODY")"
api POST "/cases/$CASE/participants" "$T_LEAD" '{"slot":"b","withdraw":true,"reason":"The agency closed its office"}' &&
  expect 200
echo "  -> HTTP $CODE $(json '"from " + r.from + " to " + r.to + (r.withdrawn ? " (withdrawn)" : "") + ", moved tasks: " + r.movedTasks' <<<"$BODY")"
expect_inbox "$T_B" ""
api GET "/cases/$CASE" "$T_B" && expect 404
echo "  GET /cases/:id by $(who "$T_B") -> HTTP $CODE"
api GET "/cases/$CASE" "$T_LEAD" && expect 200
[ "$(json '(r.openTasks.find((t) => t.step === "record-outcome") || {}).agencyId' <<<"$BODY")" = demo-a ] ||
  fail "the open task is not held by the lead agency"
echo "  record-outcome is held by demo-a, the lead, until another agency joins"

echo "5. The lead puts $JOINING in slot b: the open task moves with it"
api POST "/cases/$CASE/participants" "$T_LEAD" '{"slot":"b","agencyId":"'$JOINING'","reason":"Referred on"}' &&
  expect 200
echo "  -> HTTP $CODE $(json '"from " + r.from + " to " + r.to + ", moved tasks: " + r.movedTasks' <<<"$BODY")"

echo "6. The agency that joined holds the same task and finishes it"
MOVED=$(task "$T_JOIN" record-outcome)
[ "$MOVED" = "$OUTCOME" ] || fail "expected the same task $OUTCOME to move, got $MOVED"
step "$T_JOIN" record-outcome '{"outcome":"resolved"}'
wait_case "$T_LEAD" completed
api GET "/cases/$CASE" "$T_LEAD" && expect 200
echo "  participant history: $(json 'JSON.stringify(r.participantHistory.map(({ slot, from, to, withdrawn }) => ({ slot, from, to, withdrawn })))' <<<"$BODY")"
[ "$(json 'r.participantHistory.map((h) => h.withdrawn).join(",")' <<<"$BODY")" = "true,false" ] ||
  fail "the history does not show the withdrawal, then the agency that joined"
echo "== participant-joins walk passed"
