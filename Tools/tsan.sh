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
    # StrataSQLTests: the lock manager and the serial gate, each waiter on a thread of its own.
    LockManagerTests
    SerialGateTests
    # StrataSQLTests: one read-only snapshot queried from four threads while a writer commits;
    # backups taken while a writer commits.
    ReadSnapshotTests
    # StrataTests: the engine through the public API, connections on threads.
    TransactionTests            # also matches LockingTransactionTests
    RowLockClauseTests
    BankStressTests
    TableCacheTests
    InterruptTests
    # StrataTests: the embedded API: a connection's busy check, transaction closures from
    # threads and tasks (pooled, async, cancelled), snapshots read from four threads.
    ConnectionUseTests
    TransactionClosureTests
    SnapshotHandleTests
    # StrataStorageTests: readers and committers on threads, the page cache under eviction.
    'StrataStorageTests\.CacheTests'
    SnapshotTests
    # StrataSLTTests: strata-slt's async records, statements waiting on their own threads.
    AsyncRecordTests
)

# Tests of those suites left out here, each with its reason (regular expressions for --skip).
SKIP=(
    # Four threads race 600 autocommit increments on one row and expect none to run out of its 32
    # attempts. ThreadSanitizer makes the statements slower (the test takes 2.6x as long) but not
    # the retries' backoff (25 us doubling up to 10 ms), so on 2 busy cores a statement now and
    # then loses 32 times in a row (once in 8 runs of this script; never in 20 runs of the test
    # alone). A retry bound, not a race: no run of it under ThreadSanitizer reported anything.
    'TransactionTests/autocommitIncrementsFromManyThreadsAreAllKept'
    # One thread only (page reuse after a snapshot goes): nothing for ThreadSanitizer to see, and
    # its 17 rewrites of a table take 12 s under it.
    'ReadSnapshotTests/aSnapshotHoldsPagesBackUntilItGoesButNeverTheCommitHistory'
)

filter=$(IFS='|'; echo "${SUITES[*]}")
skip=$(IFS='|'; echo "${SKIP[*]}")
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# halt_on_error=0: report every race, not only the first; exitcode makes a report fail the run
# even when the process would otherwise exit 0.
export TSAN_OPTIONS="${TSAN_OPTIONS:-} halt_on_error=0 exitcode=66 second_deadlock_stack=1"

# --no-parallel: one suite at a time. Under ThreadSanitizer (the suites take 2.5-5x as long) on
# two cores, the suites' own threads starve each other when the suites run side by side
# (BankStressTests took 47 s beside the others, 9 s alone); the whole run takes about a minute
# either way.
status=0
swift test --sanitize=thread --scratch-path .build-tsan --no-parallel \
    --filter "$filter" --skip "$skip" "$@" 2>&1 | tee "$log" || status=$?

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
