#!/usr/bin/env bash
# Installs the Debian 12 packages irverify needs, only those missing. Runs as root, or with sudo.
# --fuzz: also clang and libFuzzer, for scripts/fuzz.sh.
set -euo pipefail
packages=(g++ cmake ninja-build git libboost-dev libeigen3-dev libmpfr-dev libgmp-dev libgtest-dev libbenchmark-dev
          libcli11-dev nlohmann-json3-dev libfmt-dev librandom123-dev gnuplot-nox libglpk-dev
          libopenmpi-dev openmpi-bin libvalijson-dev python3-yaml python3-jsonschema cmark-gfm)
if [ "${1:-}" = "--fuzz" ]; then packages+=(clang libclang-rt-14-dev); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "install-deps: missing packages: ${missing[*]}" >&2
  echo "install-deps: not root and no sudo: run as root 'apt-get install -y ${missing[*]}', then rerun" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
