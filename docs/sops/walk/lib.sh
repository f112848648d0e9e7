# Helpers for the SOP walks in docs/sops/*.md ("Walk it with curl"). Source it from bash, do not run it:
#
#   . docs/sops/walk/lib.sh
#
# HTTP goes through curl; JSON is read with node (the project needs Node.js anyway, jq is not required).
# The helpers work on the case in $CASE and print what they did. Nothing sleeps blindly: they poll (every $POLL
# seconds, for at most $WAIT seconds) for what the workflow is about to write. In a script a failed check exits;
# in an interactive shell it prints FAILED and returns 1, so a typo does not close your terminal.

API=${API:-http://localhost:3000}
POLL=${POLL:-0.3}
WAIT=${WAIT:-30}
CASE=${CASE:-}

fail() {
  echo "FAILED: $*" >&2
  case $- in *i*) return 1 ;; *) exit 1 ;; esac
}

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

# claim TOKEN FIELD: a claim of the token's payload (agency, or roles joined by commas), read without verifying the
# signature. claim_load caches a token's claims in the current shell, so the inbox checks below do not start node
# for every person at every step.
_CLAIM_KEYS=()
_CLAIM_VALS=()
claim_load() {
  local k
  for k in ${_CLAIM_KEYS[@]+"${_CLAIM_KEYS[@]}"}; do [ "$k" = "$1" ] && return 0; done
  _CLAIM_KEYS+=("$1")
  _CLAIM_VALS+=("$(node -pe 'const p = JSON.parse(Buffer.from(process.argv[1].split(".")[1], "base64url")); p.agency + " " + p.roles.join(",")' "$1")")
}
claim() {
  claim_load "$1" || return 1
  local i
  for i in "${!_CLAIM_KEYS[@]}"; do
    if [ "${_CLAIM_KEYS[$i]}" = "$1" ]; then
      case $2 in agency) echo "${_CLAIM_VALS[$i]%% *}" ;; roles) echo "${_CLAIM_VALS[$i]#* }" ;; esac
      return 0
    fi
  done
}

# who TOKEN: "agency/role" of a token, for the printout.
who() { echo "$(claim "$1" agency)/$(claim "$1" roles)"; }

# day N: the UTC date N days from today (YYYY-MM-DD).
day() { node -pe "new Date(Date.now() + ($1) * 864e5).toISOString().slice(0, 10)"; }

# api METHOD PATH TOKEN [BODY]: one request; sets CODE (HTTP status) and BODY (response body).
api() {
  local out
  if [ $# -ge 4 ]; then
    out=$(curl -sS -w '\n%{http_code}' -X "$1" "$API$2" -H "Authorization: Bearer $3" \
      -H 'content-type: application/json' -d "$4") || { fail "cannot reach $API"; return 1; }
  else
    out=$(curl -sS -w '\n%{http_code}' -X "$1" "$API$2" -H "Authorization: Bearer $3") ||
      { fail "cannot reach $API"; return 1; }
  fi
  CODE=${out##*$'\n'}
  BODY=${out%$'\n'*}
}

# expect CODE: fails unless the last request answered CODE.
expect() { [ "$CODE" = "$1" ] || { fail "expected HTTP $1, got $CODE: $BODY"; return 1; }; }

# _within SECONDS: true while SECONDS is below $WAIT.
_within() { node -e "process.exit($1 < $WAIT ? 0 : 1)"; }

# start_case TOKEN JSON: POST /cases {sop, input}; sets CASE.
start_case() {
  api POST /cases "$1" "$2" && expect 201 || return 1
  CASE=$(json r.caseId <<<"$BODY")
  echo "  case $CASE started by $(who "$1") -> HTTP $CODE"
}

# inbox TOKEN: the open tasks of $CASE in TOKEN's inbox, as step[/subject] (GET /tasks?caseId=).
inbox() {
  api GET "/tasks?caseId=$CASE" "$1" && expect 200 || return 1
  echo "  inbox of $(who "$1"): $(json '"[" + r.items.map((t) => t.step + (t.subject ? "/" + t.subject : "")).join(", ") + "]"' <<<"$BODY")"
}

# expect_inbox TOKEN "STEP[/SUBJECT] ...": fails unless the open tasks of $CASE in TOKEN's inbox are exactly these
# (any order; "" for an empty inbox). It does not poll: use it after `task` has seen the task arrive.
expect_inbox() {
  api GET "/tasks?caseId=$CASE" "$1" && expect 200 || return 1
  local got want
  got=$(json 'r.items.map((t) => t.step + (t.subject ? "/" + t.subject : "")).sort().join(" ")' <<<"$BODY")
  want=$(json 'r.split(" ").filter(Boolean).sort().join(" ")' <<<"\"$2\"")
  [ "$got" = "$want" ] || { fail "inbox of $(who "$1"): expected [$want], got [$got]"; return 1; }
  echo "  inbox of $(who "$1"): [$got]"
}

# task TOKEN STEP [SUBJECT]: polls TOKEN's inbox (GET /tasks?caseId=&step=) until the open task of STEP (for
# SUBJECT, e.g. W1 or P2) shows, and prints its task id.
task() {
  local id="" waited=0
  until [ -n "$id" ]; do
    api GET "/tasks?caseId=$CASE&step=$2" "$1" && expect 200 || return 1
    id=$(json "(r.items.find((t) => '${3:-}' === '' || t.subject === '${3:-}') || {}).taskId" <<<"$BODY")
    if [ -z "$id" ]; then
      _within "$waited" || { fail "no $2 ${3:+($3) }task in the inbox of $(who "$1") after ${WAIT}s"; return 1; }
      sleep "$POLL"
      waited=$(node -pe "$waited + $POLL")
    fi
  done
  echo "$id"
}

# complete TOKEN TASK_ID FORM: POST /tasks/:id/complete {"form": FORM}; expects 200. A task row is written a
# moment before its workflow records the task, so a 404 right after the task showed is retried a few times.
complete() {
  local tries=0
  api POST "/tasks/$2/complete" "$1" "{\"form\":$3}" || return 1
  while [ "$CODE" = 404 ] && [ $tries -lt 10 ]; do
    sleep "$POLL"
    tries=$((tries + 1))
    api POST "/tasks/$2/complete" "$1" "{\"form\":$3}" || return 1
  done
  expect 200
}

# only_for TOKEN TASK_ID: for everybody in $PEOPLE (names of token variables) but TOKEN: the task is not in their
# inbox (GET /tasks?status=all) and completing it answers 404 (other agency) or 403 (same agency, other role).
# Someone of the task's agency who holds one of its roles may see it: they are listed as also holding it.
only_for() {
  local owner=$1 id=$2 name tok agency roles hidden=0 c404=0 c403=0 co=""
  api GET "/tasks?caseId=$CASE&status=all" "$owner" && expect 200 || return 1
  agency=$(json "(r.items.find((t) => t.taskId === '$id') || {}).agencyId" <<<"$BODY")
  roles=$(json "((r.items.find((t) => t.taskId === '$id') || {}).roles || []).join(',')" <<<"$BODY")
  [ -n "$agency" ] || { fail "task $id is not in the inbox of $(who "$owner")"; return 1; }
  for name in $PEOPLE; do
    tok=${!name}
    [ "$tok" = "$owner" ] && continue
    claim_load "$tok" || return 1
    local tagency troles holder=no seen=no r
    tagency=$(claim "$tok" agency)
    troles=$(claim "$tok" roles)
    if [ "$tagency" = "$agency" ]; then
      for r in ${troles//,/ }; do [[ ",$roles," == *",$r,"* ]] && holder=yes; done
    fi
    api GET "/tasks?caseId=$CASE&status=all" "$tok" && expect 200 || return 1
    [[ $BODY == *"\"$id\""* ]] && seen=yes
    if [ $holder = yes ]; then
      co="$co $(who "$tok")"
      continue
    fi
    [ $seen = no ] || { fail "task $id is visible to $(who "$tok")"; return 1; }
    # An empty form: were the check to let them through, validation would still stop the completion (400).
    api POST "/tasks/$id/complete" "$tok" '{"form":{}}' || return 1
    if [ "$tagency" = "$agency" ]; then
      expect 403 || return 1
      c403=$((c403 + 1))
    else
      expect 404 || return 1
      c404=$((c404 + 1))
    fi
    hidden=$((hidden + 1))
  done
  echo "    not in $hidden other inboxes; completing it answers 404 to $c404 (other agencies), 403 to $c403 (same agency, other role)${co:+; also held by:$co}"
}

# step TOKEN STEP FORM [SUBJECT]: waits for the task in TOKEN's inbox, checks that nobody else in $PEOPLE may see
# or complete it (only_for), completes it with FORM and prints what happened.
step() {
  local id
  id=$(task "$1" "$2" "${4:-}") || return 1
  echo "  $2${4:+ ($4)}: task $id in the inbox of $(who "$1")"
  only_for "$1" "$id" || return 1
  complete "$1" "$id" "$3" || return 1
  echo "    completed -> HTTP $CODE"
}

# event TOKEN JSON: POST /cases/:id/events {type, data} (a fact from outside any inbox); prints the status.
event() {
  api POST "/cases/$CASE/events" "$1" "$2" || return 1
  echo "  event $(json r.type <<<"$2") by $(who "$1") -> HTTP $CODE"
}

# cancel TOKEN REASON: POST /cases/:id/cancel {reason}; expects 202.
cancel() {
  api POST "/cases/$CASE/cancel" "$1" "{\"reason\":\"$2\"}" && expect 202 || return 1
  echo "  cancel by $(who "$1") -> HTTP $CODE"
}

# wait_case TOKEN STATUS [JS_CONDITION]: polls GET /cases/:id until the case has STATUS (open, completed,
# cancelled) and, if given, the JavaScript condition on the case view `r` holds; prints status, end state and the
# open tasks the caller sees.
wait_case() {
  local ok="" waited=0
  until [ "$ok" = yes ]; do
    api GET "/cases/$CASE" "$1" && expect 200 || return 1
    ok=$(json "r.status === '$2' && (${3:-true}) ? 'yes' : 'no'" <<<"$BODY")
    if [ "$ok" != yes ]; then
      _within "$waited" || { fail "case not $2${3:+ with $3} after ${WAIT}s: $(json r.state <<<"$BODY")"; return 1; }
      sleep "$POLL"
      waited=$(node -pe "$waited + $POLL")
    fi
  done
  echo "  case $CASE: $(json '"status=" + r.status + " endState=" + r.endState + " openTasks=" + r.openTasks.length' <<<"$BODY")"
}
