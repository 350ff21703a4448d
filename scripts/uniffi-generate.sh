#!/usr/bin/env bash
# Builds lotwise-ffi and writes its Swift and Kotlin sources with the pinned
# uniffi-bindgen (crate lotwise-uniffi-bindgen). The sources are build
# outputs, never committed:
#
#   bindings-swift/Sources/LotwiseFFI/   LotwiseFFI.h + module.modulemap
#   bindings-swift/Sources/Lotwise/Lotwise.swift
#   target/uniffi/kotlin/lotwise/lotwise_ffi.kt
#
# (target/ is $CARGO_TARGET_DIR when set.) The libraries are left in
# target/debug/ (liblotwise_ffi.so for Kotlin,
# liblotwise_ffi.a for Swift).
set -euo pipefail
cd "$(dirname "$0")/.."

# Two runs: built together, the bindgen's `cli` feature would leak into the
# library (cargo unifies features of one build).
cargo build -p lotwise-ffi --quiet
cargo build -p lotwise-uniffi-bindgen --quiet

TARGET=$(cd "${CARGO_TARGET_DIR:-target}" && pwd)
LIB=$TARGET/debug/liblotwise_ffi.so
BINDGEN=$TARGET/debug/uniffi-bindgen
OUT=$TARGET/uniffi
rm -rf "$OUT"
# uniffi-bindgen reads the crate's uniffi.toml through `cargo metadata`, so
# it runs from the crate's directory.
cd bindings-swift
"$BINDGEN" generate --no-format "$LIB" --language swift --out-dir "$OUT/swift" >/dev/null
"$BINDGEN" generate --no-format "$LIB" --language kotlin --out-dir "$OUT/kotlin" >/dev/null

# Copied only when changed, so SwiftPM's incremental build keeps its work.
put() { cmp -s "$1" "$2" || cp "$1" "$2"; }
mkdir -p Sources/LotwiseFFI Sources/Lotwise
put "$OUT/swift/LotwiseFFI.h" Sources/LotwiseFFI/LotwiseFFI.h
put "$OUT/swift/LotwiseFFI.modulemap" Sources/LotwiseFFI/module.modulemap
put "$OUT/swift/Lotwise.swift" Sources/Lotwise/Lotwise.swift
echo "uniffi-generate: Swift in bindings-swift/Sources, Kotlin in target/uniffi/kotlin" >&2
