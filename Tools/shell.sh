#!/usr/bin/env bash
# Sets up a fresh Debian machine for the strata shell (GNU readline's headers) and runs it:
#   bash Tools/shell.sh [DATABASE] [SQL]     (arguments as for strata; see Docs/shell.md)
set -euo pipefail
cd "$(dirname "$0")/.."
bash Tools/ensure-packages.sh libreadline-dev
swift build -c release --product strata >&2
exec .build/release/strata "$@"
