#!/usr/bin/env bash
# Runs every test of the project: formatting and lints, the Rust core (unit,
# integration, model-based, scenario, channel fuzzing, storage conformance on
# memory/SQLite/Postgres, crash and concurrency tests), the Python binding
# in its own runner, the Node binding (scripts/node.sh), and the Kotlin (JVM)
# and Swift (chroot) bindings. Installs what the tests need on the way
# (idempotently).
#
# In CI (CI=true) the long-running tests run at full size: 100k fuzz inputs,
# 200 SIGKILLs of the crash test. Locally they run smaller unless the
# variables below are set.
set -euo pipefail
cd "$(dirname "$0")/.."

stage() { printf '\n==> %s\n' "$*"; }

if [ "${CI:-}" = "true" ]; then
    export LOTWISE_FUZZ_CASES=${LOTWISE_FUZZ_CASES:-100000}
    export LOTWISE_CRASH_KILLS=${LOTWISE_CRASH_KILLS:-200}
fi
export CARGO_TERM_COLOR=never

stage "system packages (graphviz, postgresql)"
scripts/system-packages.sh

stage "format"
cargo fmt --all -- --check

stage "lint"
cargo clippy --workspace --all-targets -- -D warnings

stage "docs (every public item documented, no broken links)"
RUSTDOCFLAGS="-D warnings" cargo doc -p lotwise --no-deps --quiet
# The internal docs too: their links are read by whoever works on the store.
RUSTDOCFLAGS="-D warnings" cargo doc -p lotwise --no-deps --quiet --document-private-items

stage "generated files are current (schema, Python contract code)"
python3 scripts/generate.py --check

stage "postgres (throwaway server for the Postgres backend tests)"
# A server someone started before (scripts/postgres.sh start) is used and
# left running; one started here is stopped at the end.
if scripts/postgres.sh url >/dev/null 2>&1; then
    LOTWISE_PG_URL=$(scripts/postgres.sh url)
else
    LOTWISE_PG_URL=$(scripts/postgres.sh start)
    trap 'scripts/postgres.sh stop || true' EXIT
fi
export LOTWISE_PG_URL
echo "LOTWISE_PG_URL=$LOTWISE_PG_URL"

stage "rust tests (core)"
cargo test -p lotwise

stage "benchmark harness, short mode (every workload runs, nothing is timed against a target)"
cargo test -p lotwise-bench

stage "python binding"
scripts/python.sh

stage "node binding"
scripts/node.sh

stage "swift/kotlin binding, Rust side (scenarios and bad input through the generated records)"
cargo test -p lotwise-ffi

stage "kotlin binding (host JVM; kotlinc and JNA installed on first use)"
scripts/kotlin.sh

stage "swift binding (XCTest, Swift 6 in a Debian trixie chroot made on first use)"
scripts/swift.sh
