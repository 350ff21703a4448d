#!/usr/bin/env bash
# Installs Swift for the Swift binding's tests, idempotently, and prints the
# chroot's path. Debian bookworm has no Swift, so it comes from Debian
# trixie's `swiftlang` package inside a debootstrap chroot. The chroot lives
# outside the clone (${LOTWISE_CACHE:-/var/cache/lotwise}/swift-trixie), so a
# second run — or a fresh clone on the same machine — reuses it.
#
#   scripts/swift-toolchain.sh      -> /var/cache/lotwise/swift-trixie
#
# Needs root (debootstrap, chroot). Recipe and timings:
# ../shared/toolchains/NOTES.md ("Swift on Linux via UniFFI").
set -euo pipefail

CACHE=${LOTWISE_CACHE:-/var/cache/lotwise}
ROOT=$CACHE/swift-trixie
# The chroot is complete once this marker exists; a run killed half-way is
# started over rather than trusted.
DONE=$ROOT/.lotwise-swift-ready

if [ -f "$DONE" ]; then
    echo "$ROOT"
    exit 0
fi

log() { echo "swift-toolchain: $*" >&2; }

if ! command -v debootstrap >/dev/null; then
    log "installing debootstrap"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >&2
fi

# The Debian mirror this machine already uses.
MIRROR=${LOTWISE_DEBIAN_MIRROR:-}
if [ -z "$MIRROR" ] && [ -f /etc/apt/sources.list.d/debian.sources ]; then
    MIRROR=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources)
fi
if [ -z "$MIRROR" ] && [ -f /etc/apt/sources.list ]; then
    MIRROR=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list)
fi
MIRROR=${MIRROR:-http://deb.debian.org/debian}

mkdir -p "$CACHE"
# A half-made chroot from a killed run: its /proc may still be mounted.
umount "$ROOT/proc" 2>/dev/null || true
rm -rf --one-file-system "$ROOT"
log "debootstrap trixie into $ROOT (from $MIRROR)"
debootstrap --variant=minbase trixie "$ROOT" "$MIRROR" >&2

# swiftlang's post-install steps and swift itself need /proc.
mount -t proc proc "$ROOT/proc"
trap 'umount "$ROOT/proc" 2>/dev/null || true' EXIT
log "installing swiftlang in the chroot"
chroot "$ROOT" apt-get update -qq >&2
# apt says "Can not write log (Is /dev/pts mounted?)" in a chroot: harmless.
chroot "$ROOT" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    swiftlang libc6-dev >&2
chroot "$ROOT" apt-get clean >&2
chroot "$ROOT" swift --version >&2
touch "$DONE"
echo "$ROOT"
