#!/usr/bin/env bash
# Installs the system packages Sweeps needs (Debian). Run as root it installs what is missing;
# otherwise it prints the exact command to run. Extra package sets: "test" adds what the test
# suite needs beyond the build.
set -euo pipefail

packages=(cmake g++ make libtorch-dev libopenblas0-openmp libtcmalloc-minimal4)
for set in "$@"; do
  case "$set" in
    # The cluster tests start a private redis-server on a loopback port as the membership table;
    # the dashboard test drives Debian's chromium (Playwright is never let download a browser).
    test) packages+=(redis-server chromium) ;;
    *) echo "error: unknown package set '$set' (known: test)" >&2; exit 2 ;;
  esac
done

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
