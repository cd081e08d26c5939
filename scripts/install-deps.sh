#!/usr/bin/env bash
# Installs the system packages Sweeps needs (Debian). Run as root it installs what is missing;
# otherwise it prints the exact command to run. Extra package sets: "test" adds what the test
# suite needs beyond the build.
set -euo pipefail

packages=(cmake g++ make libtorch-dev libopenblas0-openmp libtcmalloc-minimal4)
if [ "${1:-}" = test ]; then
  # The dashboard test drives Debian's chromium; Playwright is never let download a browser.
  packages+=(chromium)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET 10 SDK ('dotnet') is not on PATH. Debian does not package it; install it from" >&2
  echo "       https://learn.microsoft.com/dotnet/core/install/linux-debian (or dotnet-install.sh), then rerun." >&2
  exit 1
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "error: missing packages: ${missing[*]}" >&2
  echo "       run: sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
