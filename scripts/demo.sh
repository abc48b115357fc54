#!/usr/bin/env bash
# Quick start, end to end: a fresh embedded sandbox, the examples/ pipeline applied
# with its status fixtures, and a tour of kargo on it — the pipeline picture, why a
# freight may not go to production yet, a refused promotion (exit 8) and one that is
# admitted. Uses a throw-away kubeconfig and state directory; your own are untouched.
#
#   npm ci && npm run demo          (or: bash scripts/demo.sh)
set -euo pipefail

cd "$(dirname "$0")/.."
repo=$PWD
[ -f dist/kargo.js ] || npm run build --silent

work=$(mktemp -d "${TMPDIR:-/tmp}/kargo-demo.XXXXXX")
export KUBECONFIG="$work/kubeconfig"
export XDG_STATE_HOME="$work/state"
export XDG_CONFIG_HOME="$work/config"
export KARGO_PROJECT=my-web-app

kargo() { node "$repo/bin/kargo.js" "$@"; }

cleanup() {
  kargo sandbox stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

bold=''
plain=''
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
  bold=$'\033[1m'
  plain=$'\033[0m'
fi

# Prints the command, runs it, and insists on the exit code the tour expects.
show() {
  local expected=$1
  shift
  printf '\n%s$ %s%s\n' "$bold" "$*" "$plain"
  local code=0
  "$@" || code=$?
  if [ "$code" -ne "$expected" ]; then
    printf 'demo: `%s` exited %s, expected %s\n' "$*" "$code" "$expected" >&2
    exit 1
  fi
  if [ "$expected" -ne 0 ]; then printf '(exit code %s, as expected)\n' "$code"; fi
}

# The real CRDs (beside the repository, as in CI) make the sandbox validate every
# object as a cluster with Kargo installed would.
crd_flags=()
for dir in ../shared/crds/kargo ../shared/crds/argo-rollouts; do
  if [ -d "$dir" ]; then crd_flags+=(--crds "$dir"); fi
done
show 0 kargo sandbox start ${crd_flags[@]+"${crd_flags[@]}"}

show 0 kubectl apply -f examples/

printf '\n%s# What Kargo'"'"'s controller would have written: current freight, verifications, health%s\n' "$bold" "$plain"
# Dated relative to now; brave-heron (1.5.0) arrived in the staging regions 40 minutes
# and 3 hours ago, so prod's hour of soak is not over yet (see the script).
node scripts/apply-example-status.mjs >/dev/null

show 0 kargo status
show 0 kargo get stages
show 0 kargo get freight --stage prod-us
show 8 kargo promote --freight brave-heron --stage prod-us
show 0 kargo promote --freight quiet-lynx --stage staging-us
show 0 kargo approve --freight brave-heron --stage prod-us
show 0 kargo promote --freight brave-heron --stage prod-us
show 0 kargo get promotions

printf '\n%sThe sandbox runs no Kargo controller, so these promotions stay Pending here;\n' "$bold"
printf 'against a real Kargo, add --wait to follow one to its outcome.%s\n' "$plain"
