#!/usr/bin/env bash
# Builds test/testenv (embedded etcd + real kube-apiserver) once per source
# version and prints the binary's path as the last line of stdout.
# Cache key: the Go sources, go.mod, go.sum and `go version`.
# The binary lives outside the repository:
#   ${KARGO_TESTENV_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kargo-cli}/testenv-<hash>/kube-testenv
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source_dir="$repo_root/test/testenv"

source "$repo_root/.ci/find-go.sh" testenv-build

go_version="$("$go_bin" version)"
key="$(
  cd "$source_dir"
  { printf '%s\n' "$go_version"; find . -maxdepth 1 \( -name '*.go' -o -name go.mod -o -name go.sum \) -print | LC_ALL=C sort | xargs sha256sum; } \
    | sha256sum | cut -c1-16
)"
cache_root="${KARGO_TESTENV_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kargo-cli}"
binary="$cache_root/testenv-$key/kube-testenv"

if [ -x "$binary" ]; then
  echo "testenv-build: cached ($go_version, key $key), build took 0s" >&2
  echo "$binary"
  exit 0
fi

k8s_version="$(cd "$source_dir" && "$go_bin" list -m -f '{{.Version}}' k8s.io/kubernetes)"
minor="$(echo "$k8s_version" | cut -d. -f2)"
ldflags="-s -w"
ldflags+=" -X k8s.io/component-base/version.gitVersion=$k8s_version"
ldflags+=" -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$minor"
ldflags+=" -X k8s.io/component-base/version.gitTreeState=clean"

echo "testenv-build: building kube-apiserver $k8s_version with $go_version (a first build with empty Go caches takes minutes)" >&2
mkdir -p "$(dirname "$binary")"
partial="$binary.partial.$$"
trap 'rm -f "$partial"' EXIT
started=$(date +%s)
(cd "$source_dir" && CGO_ENABLED=0 "$go_bin" build -trimpath -ldflags "$ldflags" -o "$partial" .)
mv "$partial" "$binary"
# Keep only the current build: each binary is ~110 MB.
find "$cache_root" -mindepth 1 -maxdepth 1 -name 'testenv-*' ! -name "testenv-$key" -exec rm -rf {} +
echo "testenv-build: built in $(( $(date +%s) - started ))s -> $binary" >&2
echo "$binary"
