#!/usr/bin/env bash
# Installs what building govkg needs on a fresh Debian machine: a C++ toolchain
# and libclang (the on-disk store compiles RocksDB through bindgen). Safe to
# run again; does nothing when everything is there. With --spark it also installs a
# Java runtime when `java` is missing, and Python's venv module (for examples/spark,
# run by .ci/run).
set -euo pipefail
need=()
dpkg -s libclang-dev >/dev/null 2>&1 || need+=(libclang-dev)
command -v g++ >/dev/null 2>&1 || need+=(g++)
if [ "${1:-}" = "--spark" ]; then
  command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
  python3 -c 'import ensurepip' >/dev/null 2>&1 || need+=(python3-venv)
fi
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v cargo >/dev/null 2>&1 || { echo "setup: cargo not found; install Rust from https://rustup.rs" >&2; exit 2; }
