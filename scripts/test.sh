#!/usr/bin/env bash
# Runs every test of the project: formatting and lints, the Rust core
# (unit, integration, model, scenario and storage tests), and each binding in
# its own runner. Installs what the tests need (idempotently) on the way.
set -euo pipefail
cd "$(dirname "$0")/.."

stage() { printf '\n==> %s\n' "$*"; }

stage "format"
cargo fmt --all -- --check

stage "lint"
cargo clippy --workspace --all-targets -- -D warnings

stage "rust tests"
cargo test -p lotwise
