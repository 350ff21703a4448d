#!/usr/bin/env bash
# Regenerates the contract and every file generated from it:
#   schema/lotwise.v1.json          written by the core (core/src/api)
#   bindings-python/python/lotwise/errors.py, _operations.py
#   bindings-node/index.d.ts, errors.js, operations.js
#
#   scripts/generate.sh           write them
#   scripts/generate.sh --check   fail when any is stale (what the tests run)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--check" ]; then
    cargo test -p lotwise --quiet --test api_table the_checked_in_schema_is_current
    python3 scripts/generate.py --check
else
    LOTWISE_WRITE_SCHEMA=1 cargo test -p lotwise --quiet --test api_table the_checked_in_schema_is_current
    python3 scripts/generate.py
fi
