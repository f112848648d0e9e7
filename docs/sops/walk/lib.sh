# Helpers for the SOP walks in docs/sops/*.md ("Walk it with curl"). Source it, do not run it:
#
#   . docs/sops/walk/lib.sh
#
# HTTP goes through curl; JSON is read with node (the project needs Node.js anyway, jq is not required).
# Every helper works on the case in $CASE and prints what it did. Nothing here sleeps blindly: the helpers poll
# (every $POLL seconds, for at most $WAIT seconds) for what the workflow is about to write.

API=${API:-http://localhost:3000}
POLL=${POLL:-0.3}
WAIT=${WAIT:-30}
CASE=${CASE:-}

# json EXPR: evaluates the JavaScript expression EXPR with the JSON read from stdin bound to `r`; prints strings
# raw, other values as JSON, and nothing for null/undefined.
json() {
  node -e '
    let s = "";
    process.stdin.on("data", (d) => (s += d)).on("end", () => {
      const r = JSON.parse(s || "null");
      const v = eval(process.argv[1]);
      if (v !== undefined && v !== null) process.stdout.write(typeof v === "string" ? v : JSON.stringify(v));
    });' "$1"
}

# claim TOKEN FIELD: a claim of the token's payload (agency, roles, sub), read without verifying the signature.
claim() { node -pe 'const v = JSON.parse(Buffer.from(process.argv[1].split(".")[1], "base64url"))[process.argv[2]]; Array.isArray(v) ? v.join(",") : v' "$1" "$2"; }

# who TOKEN: "agency/role" of a token, for the printout.
who() { echo "$(claim "$1" agency)/$(claim "$1" roles)"; }

# day N: the UTC date N days from today (YYYY-MM-DD).
day() { node -pe "new Date(Date.now() + ($1) * 864e5).toISOString().slice(0, 10)"; }

fail() { echo "FAILED: $*" >&2; exit 1; }

# api METHOD PATH TOKEN [BODY]: one request; sets CODE (HTTP status) and BODY (response body).
api() {
  local out
  if [ $# -ge 4 ]; then
    out=$(curl -sS -w '\n%{http_code}' -X "$1" "$API$2" -H "Authorization: Bearer $3" \
      -H 'content-type: application/json' -d "$4")
  else
    out=$(curl -sS -w '\n%{http_code}' -X "$1" "$API$2" -H "Authorization: Bearer $3")
  fi
  CODE=${out##*$'\n'}
  BODY=${out%$'\n'*}
}

# expect CODE: fails unless the last request answered CODE.
expect() { [ "$CODE" = "$1" ] || fail "expected HTTP $1, got $CODE: $BODY"; }

# start_case TOKEN JSON: POST /cases; sets CASE.
start_case() {
  api POST /cases "$1" "$2"
  expect 201
  CASE=$(json r.caseId <<<"$BODY")
  echo "  case $CASE started by $(who "$1") -> HTTP $CODE"
}

# inbox TOKEN: the open tasks of $CASE in TOKEN's inbox, as step[/subject] (GET /tasks?caseId=).
inbox() {
  api GET "/tasks?caseId=$CASE" "$1"
  expect 200
  echo "  inbox of $(who "$1"): $(json '"[" + r.items.map((t) => t.step + (t.subject ? "/" + t.subject : "")).join(", ") + "]"' <<<"$BODY")"
}

# expect_inbox TOKEN STEPS: fails unless the open tasks of $CASE in TOKEN's inbox are exactly STEPS
# (space-separated step[/subject], in any order; "" for an empty inbox). Nothing is polled: use after `task`.
expect_inbox() {
  api GET "/tasks?caseId=$CASE" "$1"
  expect 200
  local got
  got=$(json 'r.items.map((t) => t.step + (t.subject ? "/" + t.subject : "")).sort().join(" ")' <<<"$BODY")
  local want
  want=$(tr ' ' '\n' <<<"$2" | sed '/^$/d' | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')
  [ "$got" = "$want" ] || fail "inbox of $(who "$1"): expected [$want], got [$got]"
  echo "  inbox of $(who "$1"): [$got]"
}

# task TOKEN STEP [SUBJECT]: polls TOKEN's inbox (GET /tasks?caseId=&step=) until the open task of STEP (for
# SUBJECT, e.g. W1 or P2) shows, and prints its task id.
task() {
  local id="" waited=0
  until [ -n "$id" ]; do
    api GET "/tasks?caseId=$CASE&step=$2" "$1"
    expect 200
    id=$(json "(r.items.find((t) => '${3:-}' === '' || t.subject === '${3:-}') || {}).taskId" <<<"$BODY")
    if [ -z "$id" ]; then
      waited=$(node -pe "$waited + $POLL")
      node -e "process.exit($waited > $WAIT ? 1 : 0)" || fail "no $2 ${3:-}task in the inbox of $(who "$1") after ${WAIT}s"
      sleep "$POLL"
    fi
  done
  echo "$id"
}

# complete TOKEN TASK_ID FORM: POST /tasks/:id/complete {"form": FORM}; expects 200. A task row is written a
# moment before its workflow records it, so a 404 right after the task showed is retried a few times.
complete() {
  local tries=0
  api POST "/tasks/$2/complete" "$1" "{\"form\":$3}"
  while [ "$CODE" = 404 ] && [ $tries -lt 10 ]; do
    sleep "$POLL"
    tries=$((tries + 1))
    api POST "/tasks/$2/complete" "$1" "{\"form\":$3}"
  done
  expect 200
}

# only_for TOKEN TASK_ID: everybody in $PEOPLE (names of token variables) other than TOKEN's holder: the task is not
# in their inbox (GET /tasks?status=all) and completing it answers 404 (other agency) or 403 (same agency, other
# role). Someone of the task's agency holding one of its roles may see it; they are listed as co-holders.
only_for() {
  local owner=$1 id=$2 name tok agency roles hidden=0 c404=0 c403=0 co=""
  api GET "/tasks?caseId=$CASE&status=all" "$owner"
  agency=$(json "(r.items.find((t) => t.taskId === '$id') || {}).agencyId" <<<"$BODY")
  roles=$(json "((r.items.find((t) => t.taskId === '$id') || {}).roles || []).join(',')" <<<"$BODY")
  [ -n "$agency" ] || fail "task $id is not in the inbox of $(who "$owner")"
  for name in $PEOPLE; do
    tok=${!name}
    [ "$tok" = "$owner" ] && continue
    local tagency troles holder=no
    tagency=$(claim "$tok" agency)
    troles=$(claim "$tok" roles)
    if [ "$tagency" = "$agency" ] && node -e "process.exit('$troles'.split(',').some((x) => '$roles'.split(',').includes(x)) ? 0 : 1)"; then
      holder=yes
    fi
    api GET "/tasks?caseId=$CASE&status=all" "$tok"
    local seen
    seen=$(json "r.items.some((t) => t.taskId === '$id') ? 'yes' : 'no'" <<<"$BODY")
    if [ $holder = yes ]; then
      co="$co $(who "$tok")"
      continue
    fi
    [ "$seen" = no ] || fail "task $id is visible to $(who "$tok")"
    api POST "/tasks/$id/complete" "$tok" '{"form":{}}'
    if [ "$tagency" = "$agency" ]; then
      expect 403
      c403=$((c403 + 1))
    else
      expect 404
      c404=$((c404 + 1))
    fi
    hidden=$((hidden + 1))
  done
  echo "    not in $hidden other inboxes; completing it answers 404 to $c404 (other agencies), 403 to $c403 (same agency, other role)${co:+; also held by:$co}"
}

# step TOKEN STEP FORM [SUBJECT]: waits for the task in TOKEN's inbox, checks nobody else may see or complete it
# (only_for), completes it with FORM and prints one line.
step() {
  local id
  id=$(task "$1" "$2" "${4:-}")
  echo "  $2${4:+ ($4)}: task $id in the inbox of $(who "$1")"
  only_for "$1" "$id"
  complete "$1" "$id" "$3"
  echo "    completed -> HTTP $CODE"
}

# event TOKEN JSON: POST /cases/:id/events (a fact from outside any inbox); prints the status.
event() {
  api POST "/cases/$CASE/events" "$1" "$2"
  echo "  event $(json r.type <<<"$2") by $(who "$1") -> HTTP $CODE"
}

# cancel TOKEN REASON: POST /cases/:id/cancel; expects 202.
cancel() {
  api POST "/cases/$CASE/cancel" "$1" "{\"reason\":\"$2\"}"
  expect 202
  echo "  cancel by $(who "$1") -> HTTP $CODE"
}

# wait_case TOKEN STATUS: polls GET /cases/:id until the case has STATUS (open, completed, cancelled); prints
# status, end state and the open tasks the caller sees.
wait_case() {
  local status="" waited=0
  until [ "$status" = "$2" ]; do
    api GET "/cases/$CASE" "$1"
    expect 200
    status=$(json r.status <<<"$BODY")
    if [ "$status" != "$2" ]; then
      waited=$(node -pe "$waited + $POLL")
      node -e "process.exit($waited > $WAIT ? 1 : 0)" || fail "case still $status after ${WAIT}s, expected $2"
      sleep "$POLL"
    fi
  done
  echo "  case $CASE: $(json '"status=" + r.status + " endState=" + r.endState + " openTasks=" + r.openTasks.length' <<<"$BODY")"
}
