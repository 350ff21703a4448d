#!/usr/bin/env bash
# Builds the Python binding into .venv and runs its checks: pytest (scenario
# replay, bad inputs, errors, threads, the notebook), mypy.stubtest over the
# package, and mypy --strict over the examples. Idempotent: the venv and the
# pinned tools are reused; the native module is rebuilt only when Rust changed.
#
#   scripts/python.sh             build (dev profile) and test
#   LOTWISE_PY_RELEASE=1 scripts/python.sh   build with --release (for measurements)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

stage() { printf '\n==> python: %s\n' "$*"; }

python="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    stage "create .venv"
    "$python" -m venv .venv
fi
# shellcheck disable=SC1091
source .venv/bin/activate

stage "install the pinned dev tools"
# Skipped when the requirements file has not changed since the last install.
stamp=.venv/.lotwise-requirements
if ! cmp -s bindings-python/requirements-dev.txt "$stamp" 2>/dev/null; then
    python -m pip install --quiet --disable-pip-version-check --upgrade pip
    python -m pip install --quiet --disable-pip-version-check -r bindings-python/requirements-dev.txt
    cp bindings-python/requirements-dev.txt "$stamp"
fi

stage "build and install the binding (maturin develop)"
# Same workspace target dir as cargo, so the core compiles once for both.
export CARGO_TARGET_DIR="$root/target"
profile=()
if [ "${LOTWISE_PY_RELEASE:-0}" = "1" ]; then profile=(--release); fi
(cd bindings-python && maturin develop --quiet "${profile[@]}")
python -c "import lotwise, sys; print('lotwise', lotwise.__version__, 'on Python', sys.version.split()[0])"

stage "pytest"
# Exit code 5 means no test ran: that is a failure here, not a pass.
set +e
python -m pytest bindings-python/tests -q
status=$?
set -e
if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests" >&2
    exit 1
fi
if [ "$status" -ne 0 ]; then exit "$status"; fi

stage "stubtest (the .pyi and inline types against the built module)"
python -m mypy.stubtest lotwise --allowlist bindings-python/stubtest-allowlist.txt \
    --allowlist bindings-python/stubtest-allowlist.generated.txt

stage "mypy --strict over the examples"
shopt -s nullglob
examples=(examples/*.py)
if [ "${#examples[@]}" -eq 0 ]; then
    echo "no Python examples in examples/" >&2
    exit 1
fi
python -m mypy --strict "${examples[@]}" bindings-python/tests/typing_check.py
