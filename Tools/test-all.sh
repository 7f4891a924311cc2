#!/usr/bin/env bash
# Sets up a fresh Debian machine for Strata and runs every test.
# Installs the Debian packages the build needs (when missing), then runs the Swift test suite.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(liblmdb-dev libsqlite3-dev)
missing=()
for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

# Storage, crash and corruption tests (Swift Testing and XCTest).
swift build --build-tests
swift test --skip-build
