#!/usr/bin/env bash
# Servers for the scale-out set-up: a private PostgreSQL cluster and a Chroma server, on loopback.
#
#   .ci/services.sh install            install Debian's postgresql if missing (apt-get, as root only)
#   .ci/services.sh postgres DIR [PORT] start (initdb on first use) a private cluster under DIR;
#                                       prints DATABASE_URL=postgresql+psycopg://...
#   .ci/services.sh chroma DIR [PORT]   start `chroma run` with its data under DIR; prints CHROMA_URL=...
#   .ci/services.sh up DIR              both of the above, on free ports
#   .ci/services.sh stop-postgres DIR   stop the cluster (its data stays; `postgres DIR` starts it again)
#   .ci/services.sh stop-chroma DIR     stop the Chroma server (its data stays)
#   .ci/services.sh stop DIR            stop both
#
# Everything listens on 127.0.0.1 only. State lives in DIR (pids, ports, password), so the same DIR
# restarts the same servers on the same ports. As root, PostgreSQL runs as the `postgres` user in a
# directory of its own (initdb refuses root); the cluster's path is kept in DIR/pg.path.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cmd="${1:-}"
dir="${2:-}"

die() { echo "services.sh: $*" >&2; exit 1; }

free_port() {
  "$(python_bin)" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

python_bin() {
  if [ -x "$here/.venv/bin/python" ]; then echo "$here/.venv/bin/python"; else command -v python3; fi
}

pg_bindir() {
  local found
  found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  [ -n "$found" ] && [ -x "$found/initdb" ] || return 1
  echo "$found"
}

install_postgres() {
  if pg_bindir >/dev/null; then return 0; fi
  if [ "$(id -u)" != 0 ]; then
    die "PostgreSQL missing: run 'sudo apt-get install postgresql' (Debian's package)"
  fi
  apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2
  pg_bindir >/dev/null || die "postgresql installed but no initdb under /usr/lib/postgresql/*/bin"
}

# Run a PostgreSQL binary as the cluster's owner (postgres when we are root).
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  local port="${1:-}" bindir pgdir password
  install_postgres
  bindir="$(pg_bindir)"
  mkdir -p "$dir"
  if [ -f "$dir/pg.path" ]; then
    pgdir="$(cat "$dir/pg.path")"
    port="$(cat "$dir/pg.port")"
    password="$(cat "$dir/pg.password")"
  else
    [ -n "$port" ] || port="$(free_port)"
    password="$("$(python_bin)" -c 'import secrets; print(secrets.token_hex(16))')"
    # The cluster may not live under a root-only folder (pytest's tmp dirs are 0700).
    pgdir="$(mktemp -d /tmp/tillit-pg.XXXXXX)"
    [ "$(id -u)" = 0 ] && chown postgres: "$pgdir"
    chmod 700 "$pgdir"
    as_owner "$bindir/initdb" -D "$pgdir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 >"$dir/pg-initdb.log" 2>&1 || { cat "$dir/pg-initdb.log" >&2; die "initdb failed"; }
    echo "$pgdir" >"$dir/pg.path"
    echo "$port" >"$dir/pg.port"
    echo "$password" >"$dir/pg.password"
    chmod 600 "$dir/pg.password"
  fi
  if ! as_owner "$bindir/pg_ctl" -D "$pgdir/data" status >/dev/null 2>&1; then
    as_owner "$bindir/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$pgdir -c fsync=off" \
      start >/dev/null || { cat "$pgdir/server.log" >&2 || true; die "PostgreSQL did not start"; }
  fi
  if [ ! -f "$dir/pg.created" ]; then
    as_owner "$bindir/psql" -h "$pgdir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
      -c "CREATE ROLE tillit LOGIN PASSWORD '$password'" \
      -c "CREATE DATABASE tillit OWNER tillit" >&2 || die "could not create the tillit role and database"
    touch "$dir/pg.created"
  fi
  echo "DATABASE_URL=postgresql+psycopg://tillit:$password@127.0.0.1:$port/tillit"
}

stop_postgres() {
  [ -f "$dir/pg.path" ] || return 0
  local pgdir bindir
  pgdir="$(cat "$dir/pg.path")"
  bindir="$(pg_bindir)" || return 0
  as_owner "$bindir/pg_ctl" -D "$pgdir/data" -m fast -w stop >/dev/null 2>&1 || true
}

chroma_bin() {
  if [ -x "$here/.venv/bin/chroma" ]; then echo "$here/.venv/bin/chroma"; else command -v chroma; fi
}

start_chroma() {
  local port="${1:-}" chroma pid
  chroma="$(chroma_bin)" || die "the chroma CLI is missing (it comes with the chromadb package: make install)"
  mkdir -p "$dir/chroma-data"
  if [ -f "$dir/chroma.port" ]; then port="$(cat "$dir/chroma.port")"; fi
  [ -n "$port" ] || port="$(free_port)"
  if [ -f "$dir/chroma.pid" ] && kill -0 "$(cat "$dir/chroma.pid")" 2>/dev/null; then
    echo "CHROMA_URL=http://127.0.0.1:$port"
    return 0
  fi
  ANONYMIZED_TELEMETRY=False nohup "$chroma" run --path "$dir/chroma-data" --host 127.0.0.1 --port "$port" \
    >>"$dir/chroma.log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$dir/chroma.pid"
  echo "$port" >"$dir/chroma.port"
  for _ in $(seq 1 300); do
    if curl -fsS "http://127.0.0.1:$port/api/v2/heartbeat" >/dev/null 2>&1; then
      echo "CHROMA_URL=http://127.0.0.1:$port"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { tail -n 20 "$dir/chroma.log" >&2; die "chroma run exited"; }
    sleep 0.2
  done
  die "chroma run did not answer its heartbeat within 60 s"
}

stop_chroma() {
  [ -f "$dir/chroma.pid" ] || return 0
  local pid
  pid="$(cat "$dir/chroma.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$dir/chroma.pid"
}

case "$cmd" in
  install) install_postgres ;;
  postgres) [ -n "$dir" ] || die "usage: $0 postgres DIR [PORT]"; start_postgres "${3:-}" ;;
  chroma) [ -n "$dir" ] || die "usage: $0 chroma DIR [PORT]"; start_chroma "${3:-}" ;;
  up) [ -n "$dir" ] || die "usage: $0 up DIR"; start_postgres; start_chroma ;;
  stop-postgres) [ -n "$dir" ] || die "usage: $0 stop-postgres DIR"; stop_postgres ;;
  stop-chroma) [ -n "$dir" ] || die "usage: $0 stop-chroma DIR"; stop_chroma ;;
  stop) [ -n "$dir" ] || die "usage: $0 stop DIR"; stop_chroma; stop_postgres ;;
  *) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
