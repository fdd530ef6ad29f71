#!/usr/bin/env bash
# Installs a Go toolchain from Debian's package (golang-go) so that benchmarks/run.sh can compare
# jgo with Go. Run it once, as root (or with sudo): benchmarks/install-go.sh
# It only installs when asked: run.sh never calls it by itself.
set -euo pipefail
if command -v go >/dev/null 2>&1; then
  echo "go already installed: $(go version)"
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq golang-go
echo "installed: $(go version)"
