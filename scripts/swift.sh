#!/usr/bin/env bash
# The Swift binding's XCTest suite (bindings-swift/Tests), run with Debian's
# Swift 6.0 in a trixie chroot (scripts/swift-toolchain.sh makes it once, in
# ${LOTWISE_CACHE:-/var/cache/lotwise}). Builds liblotwise_ffi.a and the
# UniFFI sources, copies the package with the data its tests read into the
# chroot (repository layout kept, so the tests find scenarios/v1), and runs
# `swift test --disable-swift-testing` there (XCTest only, so the summary is
# XCTest's `Executed N tests, with M failures`).
set -euo pipefail
cd "$(dirname "$0")/.."

CACHE=${LOTWISE_CACHE:-/var/cache/lotwise}
CHROOT=$(scripts/swift-toolchain.sh)
scripts/uniffi-generate.sh

# One run at a time uses the chroot (its /proc mount and the build dir).
mkdir -p "$CACHE"
exec 9>"$CACHE/swift.lock"
flock 9

# A fixed place, so SwiftPM's .build survives between runs (incremental).
RUN=$CHROOT/build/lotwise
mkdir -p "$RUN/bindings-swift" "$RUN/scenarios" "$RUN/target/swift-lib"
# The sources are mirrored with their times (cp -p); .build stays.
rm -rf "$RUN/bindings-swift/Sources" "$RUN/bindings-swift/Tests" "$RUN/bindings-swift/testdata" "$RUN/scenarios/v1"
cp -rp bindings-swift/Package.swift bindings-swift/Sources bindings-swift/Tests bindings-swift/testdata "$RUN/bindings-swift/"
cp -rp scenarios/v1 "$RUN/scenarios/"
# Only the .a in its directory: `-llotwise_ffi` must link statically.
cp -p "${CARGO_TARGET_DIR:-target}/debug/liblotwise_ffi.a" "$RUN/target/swift-lib/"

# Swift needs /proc; unmount it however this script ends.
if ! mountpoint -q "$CHROOT/proc"; then
    mount -t proc proc "$CHROOT/proc"
    trap 'umount "$CHROOT/proc" 2>/dev/null || true' EXIT
fi

chroot "$CHROOT" /bin/sh -c 'cd /build/lotwise/bindings-swift && swift test --disable-swift-testing 2>&1'
