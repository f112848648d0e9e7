#!/usr/bin/env bash
# Walks an overdue step's escalation through the HTTP API with curl (docs/domain.md, "Escalations that keep going
# and stop"): reminded before the deadline, escalated at the breach to the holding agency's supervisors, then again
# at the declared interval one level up the chain (the lead agency's coordinators), until the step is done, which
# resolves it. Real time would mean days, so the walk needs the API started with the walk's overlay, which gives the
# demo SOP's record-outcome a 4-second target and a 3-second escalation interval:
#
#   SOP_OVERLAY_FILE=docs/sops/walk/walk-overlay.json npm start
#   docs/sops/walk/escalation-repeats.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
API=${API:-http://localhost:3000}
. docs/sops/walk/lib.sh

echo "== tokens (npm run token; the token is the last line)"
T_A=$(npm run --silent token -- --agency demo-a --role caseworker | tail -1)
T_LEAD=$(npm run --silent token -- --agency demo-a --role supervisor | tail -1)
T_B=$(npm run --silent token -- --agency demo-b --role caseworker | tail -1)
T_BSUP=$(npm run --silent token -- --agency demo-b --role supervisor | tail -1)
PEOPLE="T_A T_LEAD T_B T_BSUP"
for p in $PEOPLE; do echo "  $p = $(who "${!p}")"; done

echo "1. The deployment's overlay makes the demo's record-outcome due in seconds (GET /sops/demo-handoff)"
api GET /sops/demo-handoff "$T_A" && expect 200
TARGET=$(json '(r.steps.find((s) => s.id === "record-outcome") || {}).target' <<<"$BODY")
EVERY=$(json 'r.escalation ? r.escalation.every : ""' <<<"$BODY")
case $TARGET in PT[0-9]S | PT[0-9][0-9]S) ;; *)
  fail "record-outcome's target is $TARGET: start the API with SOP_OVERLAY_FILE=docs/sops/walk/walk-overlay.json" ;;
esac
echo "  record-outcome target $TARGET, escalated again every ${EVERY:-the SOP default}"

echo "2. demo-a hands the case on; the outcome waits in demo-b's inbox and nobody does it"
start_case "$T_A" '{"sop":"demo-handoff","input":{"channel":"phone"}}'
step "$T_A" review-intake '{"ready":true}'
OUTCOME=$(task "$T_B" record-outcome)
echo "  record-outcome: task $OUTCOME in the inbox of $(who "$T_B")"

# notice TOKEN KIND: polls TOKEN's notifications until one of KIND for $CASE shows; prints its detail.
notice() {
  local got="" waited=0
  until [ -n "$got" ]; do
    api GET "/notifications?limit=100" "$1" && expect 200 || return 1
    got=$(json "(r.items.find((n) => n.caseId === '$CASE' && n.kind === '$2') || {}).step" <<<"$BODY")
    if [ -z "$got" ]; then
      _within "$waited" || { fail "no $2 for $(who "$1") after ${WAIT}s"; return 1; }
      sleep "$POLL"
      waited=$(node -pe "$waited + $POLL")
    fi
  done
  echo "  $2 on $got for $(who "$1")"
}

echo "3. Before the deadline the caseworkers are reminded; at the breach demo-b's supervisors hear of it"
notice "$T_B" reminder
notice "$T_BSUP" escalation

echo "4. The step stays open: the escalation repeats, one level up each time, to the lead's coordinators"
wait_case "$T_LEAD" open '(r.escalations.find((e) => e.step === "record-outcome") || {}).level >= 2'
echo "  escalation: $(json 'JSON.stringify(r.escalations.map(({ step, agencyId, level, resolvedAt }) => ({ step, agencyId, level, resolvedAt })))' <<<"$BODY")"
notice "$T_LEAD" escalation

echo "5. demo-b records the outcome: the case ends and its escalation is resolved, repeating no more"
complete "$T_B" "$OUTCOME" '{"outcome":"resolved"}'
wait_case "$T_LEAD" completed '(r.escalations.find((e) => e.step === "record-outcome") || {}).resolvedAt'
LEVEL=$(json '(r.escalations.find((e) => e.step === "record-outcome")).level' <<<"$BODY")
echo "  escalation resolved ($(json '(r.escalations.find((e) => e.step === "record-outcome")).resolution' <<<"$BODY")) at level $LEVEL"
api GET "/cases/$CASE" "$T_LEAD" && expect 200
[ "$(json '(r.escalations.find((e) => e.step === "record-outcome")).level' <<<"$BODY")" = "$LEVEL" ] ||
  fail "the escalation went on after it was resolved"
echo "== escalation-repeats walk passed"
