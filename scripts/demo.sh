#!/usr/bin/env bash
# The whole loop on one machine, no cluster: a fresh sandbox with the embedded
# Kargo controller, the Argo CD stand-in and the example pipeline; then a
# release (1.5.0) goes to dev, is verified, goes to both staging regions
# (--wait=verification), soaks (visible in `kargo get freight --stage prod-us`),
# goes to production; a broken release (1.6.0) fails its verification (exit 6)
# and is rolled back. Uses a throw-away kubeconfig and state directory; your
# own are untouched. Takes 4 to 7 minutes, 2 of them production's soak.
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

say() { printf '\n%s# %s%s\n' "$bold" "$*" "$plain"; }

# Prints the command, runs it, and insists on the exit code the story expects.
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

# The name of the Freight carrying `image`, once the Warehouse has discovered it.
freight_of() {
  local image=$1 name=''
  for _ in $(seq 1 60); do
    name=$(kargo get freight --image "$image" -o name 2>/dev/null | head -n 1 || true)
    if [ -n "$name" ]; then
      printf '%s' "${name##*/}"
      return 0
    fi
    sleep 1
  done
  printf 'demo: no Freight for %s after a minute\n' "$image" >&2
  exit 1
}

# The Promotion of `freight` to `stage` once auto-promotion has made it; empty if none came in 20 s.
auto_promotion() {
  local freight=$1 stage=$2 name=''
  for _ in $(seq 1 20); do
    name=$(kargo get promotions --stage "$stage" -o json | node -e '
      let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
        const found = JSON.parse(s).items.filter((p) => p.spec.freight === process.argv[1]).pop();
        process.stdout.write(found ? found.metadata.name : "");
      });' "$freight")
    if [ -n "$name" ]; then break; fi
    sleep 1
  done
  printf '%s' "$name"
}

show 0 kargo sandbox start --example
registry=$(kargo sandbox status -o json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(JSON.parse(s).registry))')
image="$registry/my-web-app"

show 0 kargo status

say 'Release 1.5.0: push it, and the Warehouse discovers it'
show 0 kargo sandbox push-image my-web-app:1.5.0
show 0 kargo refresh warehouse my-web-app --wait
v15=$(freight_of "$image:1.5.0")
show 0 kargo get freight

say 'dev auto-promotes new Freight (ProjectConfig promotion policy)'
promotion=$(auto_promotion "$v15" dev)
if [ -n "$promotion" ]; then
  show 0 kargo promote --name "$promotion" --wait=verification --timeout 5m
else
  printf '(no auto-promotion by this controller yet: promoting what it would pick)\n'
  show 0 kargo promote --warehouse my-web-app --stage dev --wait=verification --timeout 5m
fi

say 'Verified in dev: on to both staging regions, waiting for their verification'
show 0 kargo promote --downstream-from dev --image "$image:1.5.0" --wait=verification --timeout 5m
show 0 kargo get stages

say 'Production needs 1.5.0 verified in both staging regions and soaked there'
show 0 kargo get freight --stage prod-us
show 8 kargo promote --image "$image:1.5.0" --stage prod-us
printf '\nWaiting for the soak to end'
until kargo promote --image "$image:1.5.0" --stage prod-us --dry-run >/dev/null 2>&1; do
  printf '.'
  sleep 10
done
printf '\n'
show 0 kargo get freight --stage prod-us

say 'Soaked: promote to production in both regions'
show 0 kargo promote --image "$image:1.5.0" --stage prod-us --wait=verification --timeout 5m
show 0 kargo promote --image "$image:1.5.0" --stage prod-eu --wait=verification --timeout 5m
show 0 kargo status

say 'Release 1.6.0 is broken: its health check fails and its error rate is high'
show 0 kargo sandbox push-image my-web-app:1.6.0 --broken
show 0 kargo refresh warehouse my-web-app --wait
v16=$(freight_of "$image:1.6.0")
say 'dev auto-promotes it too; its verification fails (exit 6)'
promotion=$(auto_promotion "$v16" dev)
if [ -n "$promotion" ]; then
  show 6 kargo promote --name "$promotion" --wait=verification --timeout 5m
else
  show 6 kargo promote --image "$image:1.6.0" --stage dev --wait=verification --timeout 5m
fi
show 0 kargo get analysisruns

say 'Roll dev back to the last verified release'
show 0 kargo rollback --stage dev --wait=verification --timeout 5m
show 0 kargo get stages
dev_url=$(node -e 'const s=require(process.argv[1]);process.stdout.write(`http://127.0.0.1:${s.ports.dev}`)' "$XDG_STATE_HOME/kargo/sandbox/example/example.json")
printf '\n%s$ curl %s/%s\n' "$bold" "$dev_url" "$plain"
node -e 'fetch(process.argv[1]).then((r) => r.text()).then((t) => process.stdout.write(t))' "$dev_url/"
printf '\n%sDone: released, verified, soaked, promoted to production, caught a bad release and rolled it back.%s\n' "$bold" "$plain"
