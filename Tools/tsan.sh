#!/usr/bin/env bash
# Runs the concurrency tests under ThreadSanitizer (issue 6: "the concurrency tests run clean
# under ThreadSanitizer") and fails on any report.
#
#   bash Tools/tsan.sh [EXTRA_SWIFT_TEST_ARGS...]
#
# The build goes to .build-tsan/ (its own scratch path, so the normal .build is untouched). The
# suites run are listed in SUITES below: add each new concurrency test suite there. Exits non-zero
# if the tests fail or if ThreadSanitizer reports anything, even in a test that passed.
set -euo pipefail
cd "$(dirname "$0")/.."

SUITES=(
    LockManagerTests
    SerialGateTests
)

filter=$(IFS='|'; echo "${SUITES[*]}")
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# halt_on_error=0: report every race, not only the first; exitcode makes a report fail the run
# even when the process would otherwise exit 0.
export TSAN_OPTIONS="${TSAN_OPTIONS:-} halt_on_error=0 exitcode=66 second_deadlock_stack=1"

status=0
swift test --sanitize=thread --scratch-path .build-tsan --filter "$filter" "$@" 2>&1 | tee "$log" || status=$?

reports=$(grep -c "WARNING: ThreadSanitizer" "$log" || true)
if [ "$reports" -gt 0 ]; then
    echo "tsan.sh: $reports ThreadSanitizer report(s)" >&2
    exit 1
fi
if [ "$status" -ne 0 ]; then
    echo "tsan.sh: swift test failed (exit $status)" >&2
    exit "$status"
fi
echo "tsan.sh: clean ($filter)"
