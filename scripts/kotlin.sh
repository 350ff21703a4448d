#!/usr/bin/env bash
# The Kotlin binding's tests on the host JVM: installs what they need
# (idempotently), writes the UniFFI sources, compiles the generated Kotlin,
# the thin layer and the test program, and runs it. The program prints
# `N passed, M failed` last and exits non-zero on any failure.
#
# Toolchain (recipe: ../shared/toolchains/NOTES.md): Java 17 and JNA from
# Debian (`default-jdk-headless`, `libjna-java`), kotlinc from the npm
# package `kotlin-compiler`, cached outside the clone in
# ${LOTWISE_CACHE:-/var/cache/lotwise}/kotlin-<version>.
set -euo pipefail
cd "$(dirname "$0")/.."

KOTLIN_VERSION=2.4.20
CACHE=${LOTWISE_CACHE:-/var/cache/lotwise}
KDIR=$CACHE/kotlin-$KOTLIN_VERSION
KC=$KDIR/node_modules/kotlin-compiler
JNA=/usr/share/java/jna.jar
# kotlinx-coroutines (Engine.io) ships inside the npm package's lib/.
COROUTINES=$KC/lib/kotlinx-coroutines-core-jvm.jar

need_apt=()
command -v javac >/dev/null || need_apt+=(default-jdk-headless)
[ -f "$JNA" ] || need_apt+=(libjna-java)
command -v npm >/dev/null || need_apt+=(npm)
if [ ${#need_apt[@]} -gt 0 ]; then
    echo "kotlin: installing ${need_apt[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
if [ ! -x "$KC/bin/kotlinc" ]; then
    echo "kotlin: installing kotlinc $KOTLIN_VERSION (npm kotlin-compiler) into $KDIR" >&2
    mkdir -p "$KDIR"
    (cd "$KDIR" && npm install --no-audit --no-fund --loglevel=error "kotlin-compiler@$KOTLIN_VERSION" >&2)
fi

scripts/uniffi-generate.sh

TARGET=$(cd "${CARGO_TARGET_DIR:-target}" && pwd)
OUT=$TARGET/kotlin
mkdir -p "$OUT"
# The binding (620 KB of generated Kotlin plus the thin layer) takes most of
# a minute to compile: its jar is kept in the cache under the hash of its
# sources, so an unchanged binding is compiled once per machine.
SOURCES=("$TARGET/uniffi/kotlin/lotwise/lotwise_ffi.kt" bindings-swift/kotlin/src/*.kt)
KEY=$( (echo "$KOTLIN_VERSION"; cat "${SOURCES[@]}") | sha256sum | cut -c1-16)
LIBJAR=$KDIR/build/lotwise-$KEY.jar
if [ ! -f "$LIBJAR" ]; then
    echo "kotlin: compiling the binding (generated + thin layer)" >&2
    mkdir -p "$KDIR/build"
    "$KC/bin/kotlinc" -nowarn -cp "$JNA:$COROUTINES" "${SOURCES[@]}" -d "$OUT/lotwise.jar"
    mv "$OUT/lotwise.jar" "$LIBJAR"
fi
echo "kotlin: compiling the tests" >&2
"$KC/bin/kotlinc" -nowarn -cp "$LIBJAR:$JNA:$COROUTINES" bindings-swift/kotlin/tests/*.kt -d "$OUT/lotwise-tests.jar"

echo "kotlin: running the tests" >&2
java -Djna.library.path="$TARGET/debug" \
    -cp "$OUT/lotwise-tests.jar:$LIBJAR:$JNA:$COROUTINES:$KC/lib/kotlin-stdlib.jar" \
    lotwise.tests.MainKt "$PWD"
