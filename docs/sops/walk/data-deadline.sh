#!/usr/bin/env bash
# Walks a deadline computed from a case's data through the HTTP API with curl (see docs/domain.md, "Deadlines from
# case data"). Needs `npm start` running and Node.js; run from anywhere:
#
#   docs/sops/walk/data-deadline.sh
#   API=http://localhost:3100 docs/sops/walk/data-deadline.sh
#
# The demo SOP declares a seconds-scale deadline `respond-by` (reminder 8 s before, escalation 4 s before) read from
# the `respondBy` date demo-a enters when it hands the case over; it guards demo-b's outcome step. demo-a asks for an
# outcome 20 seconds from now: demo-b is reminded, then its supervisors are told before the deadline passes; an
# outcome dated after the deadline is refused with the reason, and once the step is done the escalation is resolved.
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

echo "1. demo-a opens a case and hands it on, asking for the outcome within 20 seconds (the deadline's source)"
RESPOND_BY=$(node -pe 'new Date(Date.now() + 20000).toISOString()')
start_case "$T_A" '{"sop":"demo-handoff","input":{"channel":"referral"}}'
step "$T_A" review-intake '{"ready":true,"respondBy":"'"$RESPOND_BY"'"}'

echo "2. The outcome task in demo-b's inbox carries the deadline; the case shows it"
OUTCOME=$(task "$T_B" record-outcome)
api GET "/tasks?caseId=$CASE&step=record-outcome" "$T_B" && expect 200
DEADLINE=$(json 'r.items[0].deadline && r.items[0].deadline.id + " " + r.items[0].deadline.at' <<<"$BODY")
[ "$DEADLINE" = "respond-by $RESPOND_BY" ] || fail "expected the task to carry respond-by $RESPOND_BY, got '$DEADLINE'"
echo "  task $OUTCOME: deadline $DEADLINE"
wait_case "$T_A" open "r.dataDeadlines.some((d) => d.id === 'respond-by' && d.at === '$RESPOND_BY')"
# The date follows from a form value: readers without its compartment see the deadline, not the date.
api GET "/cases/$CASE" "$T_LEAD" && expect 200
WITHHELD=$(json "r.dataDeadlines.map((d) => d.id + (d.at === undefined ? ' (date withheld: ' + d.withheld + ')' : ' ' + d.at)).join(', ')" <<<"$BODY")
[[ $WITHHELD == "respond-by (date withheld: intake)" ]] || fail "expected the date withheld from $(who "$T_LEAD"): $WITHHELD"
echo "  as $(who "$T_LEAD"): $WITHHELD"

echo "3. Before it passes: first a reminder to demo-b, then an escalation to its supervisors"
REMINDED="r.timeline.some((e) => e.kind === 'task-reminder' && e.detail.dataDeadline === 'respond-by')"
ESCALATED="r.timeline.some((e) => e.kind === 'task-escalated' && e.detail.dataDeadline === 'respond-by')"
wait_case "$T_A" open "$REMINDED"
wait_case "$T_A" open "$ESCALATED"
ORDER=$(json "(() => { const at = (k) => r.timeline.find((e) => e.kind === k && e.detail.dataDeadline === 'respond-by').at;
  return at('task-reminder') <= at('task-escalated') && at('task-escalated') < '$RESPOND_BY' ? 'ok' : at('task-reminder') + ' ' + at('task-escalated'); })()" <<<"$BODY")
[ "$ORDER" = ok ] || fail "expected the reminder, then the escalation, both before $RESPOND_BY: $ORDER"
echo "  reminded, then escalated, before $RESPOND_BY"
api GET "/notifications" "$T_BSUP" && expect 200
KINDS=$(json "r.items.filter((n) => n.caseId === '$CASE' && n.detail.dataDeadline === 'respond-by').map((n) => n.kind).sort().join(' ')" <<<"$BODY")
[[ " $KINDS " == *" escalation "* ]] || fail "expected an escalation notice for $(who "$T_BSUP"), got [$KINDS]"
echo "  notices of $(who "$T_BSUP") about the deadline: [$KINDS]"

echo "4. An outcome dated after the deadline is refused with the field and the reason"
api POST "/tasks/$OUTCOME/complete" "$T_B" '{"form":{"outcome":"resolved","decidedOn":"'"$(day 2)"'"}}' && expect 400
REASON=$(json 'r.fields.map((f) => f.field + ": " + f.reason).join("; ")' <<<"$BODY")
[[ $REASON == *"form.decidedOn: must not be after"*"(deadline respond-by)"* ]] || fail "unexpected reason: $REASON"
echo "  -> HTTP $CODE $REASON"

echo "5. The outcome recorded in time: the step is done, the escalation is resolved"
complete "$T_B" "$OUTCOME" '{"outcome":"resolved","decidedOn":"'"$(day 0)"'"}'
echo "  record-outcome completed -> HTTP $CODE"
wait_case "$T_A" completed "r.escalations.length > 0 && r.escalations.every((e) => e.resolvedAt !== null)"
echo "  escalations: $(json 'JSON.stringify(r.escalations.map(({ step, level, resolution }) => ({ step, level, resolution })))' <<<"$BODY")"
echo "== data-deadline walk passed"
