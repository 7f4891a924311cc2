#!/usr/bin/env bash
# Sets up a fresh Debian machine for Strata and runs every test.
# Installs the Debian packages the build needs (when missing), then runs the Swift test suite.
set -euo pipefail
cd "$(dirname "$0")/.."

bash Tools/ensure-packages.sh liblmdb-dev libsqlite3-dev libreadline-dev sqlite3

# Docs: every relative link in Docs/ and README.md resolves.
bash Tools/check-doc-links.sh

# Unit, model, crash, corruption, parser, value and runner tests (Swift Testing).
swift build --build-tests
swift test --skip-build

# The library's example app (Examples/README.md): concurrent bank transfers in every concurrency
# mode, on threads and then on tasks; it exits non-zero if money or a transfer is lost. Then the
# DocC catalogs, failing on any DocC warning (Tools/docc.sh). Both reuse the debug build above:
# about 12 s together on the 2-core machine.
swift run --skip-build BankLedger
swift run --skip-build BankLedger --tasks
bash Tools/docc.sh

# The storage model and basics again with STRATA_INTERNAL_CHECKS: the B+tree invariant walk after
# every commit and the ownership check of every copy-on-write (STYLE.md §5, internal-checks build).
swift build --build-tests --scratch-path .build-checks -Xswiftc -DSTRATA_INTERNAL_CHECKS
swift test --skip-build --scratch-path .build-checks --filter "ModelTests|EngineBasicsTests"

# SQL behaviour: our own SQLTests and SQLite's sqllogictest corpus, read in place from
# ../shared/sqllogictest (never copied into the repo), through strata-slt in a release build.
swift build -c release --product strata-slt
corpus=../shared/sqllogictest
slt=(SQLTests)
if [ -d "$corpus" ]; then
    # The whole visible corpus: select1-5, evidence, random/ and index/ (about 634k records,
    # about a minute and a half of CPU in a release build here).
    slt+=("$corpus")
else
    echo "note: $corpus not found; running SQLTests only"
fi
.build/release/strata-slt --jobs 2 "${slt[@]}"

# The concurrency tests under ThreadSanitizer (issue 6): a build of their own in .build-tsan/, and
# any report fails the run (Tools/tsan.sh). From a clean .build-tsan/ on the 2-core machine: 76 s
# to build, 55 s to run.
bash Tools/tsan.sh
