#!/usr/bin/env bash
# Installs the Debian packages the tests use, once: graphviz (the export test
# renders the trace DOT with `dot`) and postgresql (a throwaway server for the
# Postgres backend's tests). Already-installed packages make this a no-op.
set -euo pipefail

need=()
command -v dot >/dev/null 2>&1 || need+=(graphviz)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ "${#need[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
    echo "system-packages.sh: need ${need[*]}; run as root or install them with apt-get" >&2
    exit 1
fi
echo "system-packages.sh: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
