#!/usr/bin/env bash
# Installs Go 1.23 from Debian's bookworm-backports suite (package golang-1.23-go) so that
# benchmarks/run.sh can compare jgo with Go. Run it once, as root (or with sudo):
#   benchmarks/install-go.sh
# It adds bookworm-backports to apt's sources when it is missing, installs golang-1.23-go, and
# links /usr/local/bin/go to it. run.sh never calls it by itself; run.sh looks for `go` on the
# PATH, then for /usr/lib/go-1.23/bin/go.
set -euo pipefail
GO=/usr/lib/go-1.23/bin/go
if [ -x "$GO" ]; then
  echo "Go 1.23 already installed: $($GO version)"
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
if ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  echo "adding bookworm-backports to /etc/apt/sources.list.d/backports.sources"
  $SUDO tee /etc/apt/sources.list.d/backports.sources >/dev/null <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq -t bookworm-backports golang-1.23-go
if ! command -v go >/dev/null 2>&1; then
  $SUDO ln -sf "$GO" /usr/local/bin/go
fi
echo "installed: $($GO version)"
