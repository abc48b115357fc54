#!/usr/bin/env bash
# Builds Kargo's control plane (github.com/akuity/kargo/cmd/controlplane, the
# version pinned in test/kargo-cp/go.mod) once per version and prints the
# binary's path as the last line of stdout.
#
# Every module comes from the Go module proxy except Kargo's two nested
# modules (github.com/akuity/kargo/api and .../pkg/x/client/generated), which
# Kargo never publishes: they are read from Kargo's git tag in a read-only git
# directory ($KARGO_SOURCE_GIT, default: the mirror the search tool's `fetch`
# leaves in /work/.mirror) into the build directory, never into the repository.
#
# Cache key: test/kargo-cp's files, `go version` and the tag's commit.
# The binary lives outside the repository:
#   ${KARGO_TESTENV_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kargo-cli}/kargo-cp-<hash>/kargo-controlplane
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source_dir="$repo_root/test/kargo-cp"

source "$repo_root/.ci/find-go.sh" kargo-build

kargo_version="$(sed -n 's/^\s*github.com\/akuity\/kargo \(v[^ ]*\).*/\1/p' "$source_dir/go.mod" | head -1)"
if [ -z "$kargo_version" ]; then
  echo "kargo-build: test/kargo-cp/go.mod requires no github.com/akuity/kargo version" >&2
  exit 3
fi
kargo_git="${KARGO_SOURCE_GIT:-/work/.mirror/akuity+kargo/repo}"
if ! tag_commit="$(git -C "$kargo_git" rev-parse --verify --quiet "$kargo_version^{commit}" 2>/dev/null)"; then
  echo "kargo-build: Kargo's git tag $kargo_version not found in $kargo_git: its nested modules (api, pkg/x/client/generated) are not on the module proxy." >&2
  echo "kargo-build: point KARGO_SOURCE_GIT at a git directory of github.com/akuity/kargo that has the tag." >&2
  exit 4
fi

go_version="$("$go_bin" version)"
key="$(
  cd "$source_dir"
  { printf '%s\n%s\n' "$go_version" "$tag_commit"; find . -maxdepth 1 \( -name '*.go' -o -name go.mod -o -name go.sum \) -print | LC_ALL=C sort | xargs sha256sum; } \
    | sha256sum | cut -c1-16
)"
cache_root="${KARGO_TESTENV_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kargo-cli}"
build_dir="$cache_root/kargo-cp-$key"
binary="$build_dir/kargo-controlplane"

if [ -x "$binary" ]; then
  echo "kargo-build: cached (Kargo $kargo_version, $go_version, key $key), build took 0s" >&2
  echo "$binary"
  exit 0
fi

echo "kargo-build: building Kargo $kargo_version cmd/controlplane with $go_version (a first build with empty Go caches takes about half an hour on 2 cores)" >&2
work="$build_dir/src"
rm -rf "$work"
mkdir -p "$work/nested"
cp "$source_dir/go.mod" "$source_dir/go.sum" "$work/"
git -C "$kargo_git" archive "$tag_commit" api pkg/x/client/generated | tar -x -C "$work/nested"

partial="$binary.partial.$$"
trap 'rm -f "$partial"' EXIT
started=$(date +%s)
ldflags="-s -w -X github.com/akuity/kargo/pkg/x/version.version=$kargo_version -X github.com/akuity/kargo/pkg/x/version.gitCommit=$tag_commit"
(cd "$work" && CGO_ENABLED=0 "$go_bin" build -trimpath -ldflags "$ldflags" -o "$partial" github.com/akuity/kargo/cmd/controlplane)
mv "$partial" "$binary"
rm -rf "$work"
# Keep only the current build: the binary is ~130 MB.
find "$cache_root" -mindepth 1 -maxdepth 1 -name 'kargo-cp-*' ! -name "kargo-cp-$key" -exec rm -rf {} +
echo "kargo-build: built in $(( $(date +%s) - started ))s -> $binary" >&2
echo "$binary"
