#!/usr/bin/env bash
# A throwaway PostgreSQL server for lotwise's tests and benchmarks.
#
#   scripts/postgres.sh start   # install if missing, start, print the URL
#   scripts/postgres.sh url     # print the URL of the running server
#   scripts/postgres.sh stop    # stop it and delete its data
#
#   export LOTWISE_PG_URL=$(scripts/postgres.sh start)
#
# The cluster lives in a fresh temporary directory, listens on 127.0.0.1 on a
# free port (and a Unix socket in that directory), trusts local connections,
# and runs as the `postgres` user when started by root (Postgres refuses to
# run as root). `start` is idempotent: a running server is reused. Where the
# server's directory and URL are kept between calls: $LOTWISE_PG_STATE
# (default ${TMPDIR:-/tmp}/lotwise-pg.env). Progress goes to stderr, the URL
# alone to stdout.
set -euo pipefail

STATE=${LOTWISE_PG_STATE:-${TMPDIR:-/tmp}/lotwise-pg.env}

log() { echo "postgres.sh: $*" >&2; }

pg_bin() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

install_postgres() {
    if pg_bin >/dev/null; then
        return
    fi
    if [ "$(id -u)" != 0 ]; then
        log "PostgreSQL is not installed and installing it needs root (apt-get install postgresql)"
        exit 1
    fi
    log "installing Debian's postgresql package"
    # Only the server binaries are needed; the package's own default cluster
    # is not used. Lists are fetched once: an install that finds its package
    # needs no update.
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2; then
        apt-get update -q >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2
    fi
}

# Runs a server binary as a user Postgres accepts.
as_pg() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

port_free() {
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

running() {
    [ -f "$STATE" ] || return 1
    # shellcheck disable=SC1090
    . "$STATE"
    [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ] || return 1
    as_pg "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1
}

start() {
    install_postgres
    if running; then
        log "already running in $PG_DIR"
        echo "$PG_URL"
        return
    fi
    local bin dir port url tries=0
    bin=$(pg_bin)
    dir=$(mktemp -d "${TMPDIR:-/tmp}/lotwise-pg.XXXXXX")
    chmod 755 "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
    as_pg "$bin/initdb" -D "$dir/data" -A trust -U lotwise -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
        as_pg "$bin/initdb" -D "$dir/data" -A trust -U lotwise -E UTF8 >"$dir/initdb.log" 2>&1 || {
        cat "$dir/initdb.log" >&2
        exit 1
    }
    while :; do
        tries=$((tries + 1))
        port=$(( (RANDOM << 15 | RANDOM) % 30000 + 20000 ))
        if port_free "$port" &&
            as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 30 \
                -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=300" start >&2; then
            break
        fi
        if [ "$tries" -ge 10 ]; then
            log "could not start the server; its log:"
            cat "$dir/log" >&2 || true
            exit 1
        fi
    done
    as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U lotwise lotwise
    url="postgres://lotwise@127.0.0.1:$port/lotwise"
    printf 'PG_DIR=%q\nPG_URL=%q\n' "$dir" "$url" >"$STATE"
    log "started in $dir"
    echo "$url"
}

stop() {
    if [ ! -f "$STATE" ]; then
        log "not running"
        return
    fi
    # shellcheck disable=SC1090
    . "$STATE"
    if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
        as_pg "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >&2 || true
    fi
    case "${PG_DIR:-}" in
        */lotwise-pg.*) rm -rf "$PG_DIR" ;;
    esac
    rm -f "$STATE"
    log "stopped"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    url)
        if running; then echo "$PG_URL"; else
            log "not running (scripts/postgres.sh start)"
            exit 1
        fi
        ;;
    *)
        echo "usage: $0 start|stop|url" >&2
        exit 2
        ;;
esac
