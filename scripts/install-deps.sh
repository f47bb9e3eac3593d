#!/usr/bin/env bash
# Installs the Debian 12 packages RoPE Lab needs, only those missing. Run as root.
set -euo pipefail
packages=(cmake ninja-build g++ pkg-config
  libeigen3-dev nlohmann-json3-dev libgtest-dev libbenchmark-dev
  qt6-base-dev qt6-charts-dev libqt6opengl6-dev qt6-svg-dev libvtk9-dev
  libgl1-mesa-dri xvfb xauth fonts-dejavu-core
  clang clang-tidy clang-format libclang-rt-14-dev libomp-dev
  pybind11-dev python3-dev python3-numpy python3-pytest
  libgif-dev poppler-utils)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
