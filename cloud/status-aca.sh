#!/usr/bin/env bash
# Scale to zero is idle, not dead (SPEC §9): for each cloud app, its replicas and its queue's waiting
# messages, classified as
#   idle      no replica, empty queue (scaled to zero: nothing to do)
#   running   at least one replica
#   starting  no replica, messages waiting for less than the cold-start limit (KEDA polls, a replica starts)
#   ALERT     no replica while messages have waited longer than the cold-start limit: not scaling
# When a backlog without replicas was first seen is kept in a state file, so that running this from
# cron or `watch` measures how long it lasted. Exit status 1 when an app is in ALERT, else 0.
#
#   cloud/status-aca.sh --namespace NS [--resource-group RG] [--cold-start-limit SECONDS] [--state FILE] [--dry-run]
set -euo pipefail

# scale_state REPLICAS WAITING FIRST_SEEN NOW LIMIT: the state word; FIRST_SEEN is when a backlog
# without replicas was first seen (empty if it was not).
scale_state() {
  local replicas=$1 waiting=$2 first_seen=$3 now=$4 limit=$5
  if [ "$replicas" -gt 0 ]; then echo running
  elif [ "$waiting" -eq 0 ]; then echo idle
  elif [ -n "$first_seen" ] && [ $((now - first_seen)) -gt "$limit" ]; then echo ALERT
  else echo starting
  fi
}

usage() {
  echo "usage: cloud/status-aca.sh --namespace NS [--resource-group RG] [--cold-start-limit SECONDS] [--state FILE] [--dry-run]" >&2
  exit 2
}

main() {
  local resource_group=edgebus-booth namespace="" limit=120 state="" dry_run=false
  while [ $# -gt 0 ]; do
    case "$1" in
      --resource-group) [ $# -ge 2 ] || usage; resource_group=$2; shift 2 ;;
      --namespace) [ $# -ge 2 ] || usage; namespace=$2; shift 2 ;;
      --cold-start-limit) [ $# -ge 2 ] || usage; limit=$2; shift 2 ;;
      --state) [ $# -ge 2 ] || usage; state=$2; shift 2 ;;
      --dry-run) dry_run=true; shift ;;
      *) echo "unknown argument: $1" >&2; usage ;;
    esac
  done
  [[ "$namespace" =~ ^[A-Za-z][A-Za-z0-9-]{4,48}[A-Za-z0-9]$ ]] || { echo "bad or missing --namespace" >&2; usage; }
  [[ "$resource_group" =~ ^[-A-Za-z0-9._()]{0,89}[-A-Za-z0-9_()]$ ]] || { echo "bad --resource-group" >&2; usage; }
  [[ "$limit" =~ ^[0-9]{1,5}$ ]] || { echo "--cold-start-limit must be seconds" >&2; usage; }
  state=${state:-${XDG_STATE_HOME:-$HOME/.local/state}/edgebus/aca-$namespace.state}

  local role queue replicas waiting first_seen now word alert=false new_state=""
  for role in billing shipping raffle; do
    case "$role" in billing) queue=Billing ;; shipping) queue=Shipping ;; raffle) queue=Raffle ;; esac
    local replicas_cmd=(az containerapp replica list --resource-group "$resource_group" --name "edgebus-$role" --query "length(@)" --output tsv)
    local waiting_cmd=(az servicebus queue show --resource-group "$resource_group" --namespace-name "$namespace" --name "$queue"
      --query countDetails.activeMessageCount --output tsv)
    if $dry_run; then
      printf 'would read:'; printf ' %q' "${replicas_cmd[@]}"; echo
      printf 'would read:'; printf ' %q' "${waiting_cmd[@]}"; echo
      continue
    fi
    replicas=$("${replicas_cmd[@]}")
    waiting=$("${waiting_cmd[@]}")
    [[ "$replicas" =~ ^[0-9]+$ && "$waiting" =~ ^[0-9]+$ ]] || {
      echo "edgebus-$role: unexpected answer from az (replicas '$replicas', waiting '$waiting')" >&2; exit 1; }
    now=$(date +%s)
    first_seen=$( (grep "^$role " "$state" 2>/dev/null || true) | cut -d' ' -f2)
    if [ "$replicas" -eq 0 ] && [ "$waiting" -gt 0 ]; then
      first_seen=${first_seen:-$now}
      new_state+="$role $first_seen"$'\n'
    else
      first_seen=""
    fi
    word=$(scale_state "$replicas" "$waiting" "$first_seen" "$now" "$limit")
    [ "$word" != ALERT ] || alert=true
    echo "edgebus-$role: $word ($replicas replicas, $waiting messages waiting in $queue${first_seen:+ for $((now - first_seen)) s without a replica, cold-start limit $limit s})"
  done
  $dry_run && return 0
  mkdir -p "$(dirname "$state")"
  printf '%s' "$new_state" >"$state"
  ! $alert
}

# Sourced (the tests call scale_state), it only defines the functions.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  main "$@"
fi
