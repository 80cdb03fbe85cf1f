#!/usr/bin/env bash
# Builds the container images of the cloud roles (billing, shipping, raffle) on a machine with a
# container engine: sales.jar first if it is missing, then a small build context
# (cloud/target/image-context: sales.jar, bin/, profiles/, Containerfile), then one image per role.
#
#   cloud/build-images.sh [--engine docker|podman] [--tag TAG] [--registry HOST[/PATH]]
#                         [--context DIR] [--role ROLE]... [--push] [--stage-only] [--dry-run]
#
# Images: [REGISTRY/]edgebus-<role>:TAG (default tag: latest). --dry-run prints every command and runs
# none; --stage-only stages the context and builds no image (what the tests run the entry point from).
set -euo pipefail
cloud=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$cloud")

usage() {
  echo "usage: cloud/build-images.sh [--engine docker|podman] [--tag TAG] [--registry HOST[/PATH]]" >&2
  echo "         [--context DIR] [--role billing|shipping|raffle]... [--push] [--stage-only] [--dry-run]" >&2
  exit 2
}

engine=""
tag=latest
registry=""
context="$cloud/target/image-context"
roles=()  # bash 3.2 (macOS) treats an empty array as unset under set -u: hence the ${a[@]+...} forms
push=false
stage_only=false
dry_run=false
while [ $# -gt 0 ]; do
  case "$1" in
    --engine) [ $# -ge 2 ] || usage; engine=$2; shift 2 ;;
    --tag) [ $# -ge 2 ] || usage; tag=$2; shift 2 ;;
    --registry) [ $# -ge 2 ] || usage; registry=${2%/}; shift 2 ;;
    --context) [ $# -ge 2 ] || usage; context=$2; shift 2 ;;
    --role) [ $# -ge 2 ] || usage; roles+=("$2"); shift 2 ;;
    --push) push=true; shift ;;
    --stage-only) stage_only=true; shift ;;
    --dry-run) dry_run=true; shift ;;
    *) echo "unknown argument: $1" >&2; usage ;;
  esac
done
[ -n "${roles[*]+x}" ] || roles=(billing shipping raffle)
for role in "${roles[@]}"; do
  case "$role" in billing|shipping|raffle) ;; *) echo "unknown role: $role" >&2; usage ;; esac
done
# Docker's tag grammar; a registry is a host[:port][/path].
[[ "$tag" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || { echo "bad tag: $tag" >&2; usage; }
[ -z "$registry" ] || [[ "$registry" =~ ^[a-z0-9.-]+(:[0-9]+)?(/[a-z0-9._/-]+)?$ ]] || { echo "bad registry: $registry" >&2; usage; }
if [ -z "$engine" ]; then
  if command -v docker >/dev/null 2>&1; then engine=docker; elif command -v podman >/dev/null 2>&1; then engine=podman
  elif $dry_run || $stage_only; then engine=docker
  else echo "no container engine found (docker or podman); use --dry-run to see the commands" >&2; exit 1; fi
fi
case "$engine" in docker|podman) ;; *) echo "unknown engine: $engine" >&2; usage ;; esac

# One line per command, quoted so that it can be pasted into a shell.
show() {
  local out="" arg
  for arg in "$@"; do
    if [[ "$arg" =~ ^[A-Za-z0-9_./:=@%+,-]+$ ]]; then out+=" $arg"; else out+=" '${arg//\'/\'\\\'\'}'"; fi
  done
  echo "${out# }"
}
run() {
  if $dry_run; then echo "would run: $(show "$@")"; else echo "+ $(show "$@")"; "$@"; fi
}

jar="$root/sales-distro/target/sales.jar"
if [ ! -f "$jar" ]; then
  run mvn -B -ntp -q -f "$root/pom.xml" package -pl sales-distro -am -DskipTests
fi
run rm -rf "$context"
run mkdir -p "$context/bin" "$context/profiles"
run cp "$cloud/images/Containerfile" "$jar" "$context/"
run cp "$root/sales-distro/bin/runtime" "$context/bin/runtime"
run cp "$cloud/images/entrypoint.sh" "$context/bin/entrypoint"
run cp "$cloud/images/healthcheck.sh" "$context/bin/healthcheck"
run cp -R "$cloud/profiles/common" "$context/profiles/"
for role in "${roles[@]}"; do
  run cp -R "$cloud/profiles/$role" "$context/profiles/"
done
$stage_only && exit 0

# podman writes OCI images by default, which have no HEALTHCHECK; docker format keeps it.
format=()
[ "$engine" = podman ] && format=(--format docker)
for role in "${roles[@]}"; do
  image="${registry:+$registry/}edgebus-$role:$tag"
  run "$engine" build ${format[@]+"${format[@]}"} --file "$context/Containerfile" --build-arg "ROLE=$role" --tag "$image" "$context"
  if $push; then run "$engine" push "$image"; fi
done
