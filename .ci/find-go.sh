# Sourced by the Go build scripts: sets go_bin to $GO, the go on PATH, or
# /usr/local/go/bin/go, or exits 3 with a message prefixed by "$1: ".
go_bin="${GO:-$(command -v go || true)}"
if [ -z "$go_bin" ] && [ -x /usr/local/go/bin/go ]; then go_bin=/usr/local/go/bin/go; fi
if [ -z "$go_bin" ]; then
  echo "$1: Go not found (install Go >= 1.26 or set GO=/path/to/go)" >&2
  exit 3
fi
