#!/usr/bin/env bash
# Regenerates go.mod/go.sum for a given Kubernetes release.
# k8s.io/kubernetes requires its staging modules at v0.0.0 and replaces them with
# ./staging paths, which Go ignores in dependencies; so we mirror every such
# replace line here, pointing at the published v0.<minor>.<patch> tag.
set -euo pipefail
k8s_version="${1:-v1.36.3}"
etcd_version="${2:-v3.6.8}"
staging_version="v0.${k8s_version#v1.}"
cd "$(dirname "$0")"

upstream_gomod="$(go mod download -json "k8s.io/kubernetes@${k8s_version}" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')"
[ -f go.mod ] || go mod init kargo-cli/testenv
go mod edit -go="$(sed -n 's/^go //p' "$upstream_gomod")"
godebug="$(sed -n 's/^godebug //p' "$upstream_gomod")"
[ -z "$godebug" ] || go mod edit -godebug="$godebug"

grep -oE '^\s*k8s\.io/[a-z0-9-]+ => \./staging' "$upstream_gomod" | awk '{print $1}' | while read -r module; do
  go mod edit -replace="${module}=${module}@${staging_version}"
done

go get "k8s.io/kubernetes@${k8s_version}" "k8s.io/component-base@${staging_version}" \
  "k8s.io/client-go@${staging_version}" "k8s.io/apiextensions-apiserver@${staging_version}" \
  "go.etcd.io/etcd/server/v3@${etcd_version}"
go mod tidy
