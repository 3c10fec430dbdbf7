#!/bin/sh
# Entry point of dualoffline/postgres:15 (built by reconciliation-backend/images/build from Debian's
# postgresql-15). It behaves like the official postgres image as far as its users here need:
#   POSTGRES_PASSWORD (required unless POSTGRES_HOST_AUTH_METHOD=trust), POSTGRES_USER (postgres),
#   POSTGRES_DB (the user's name), PGPORT (5432), PGDATA (/var/lib/postgresql/data),
#   POSTGRES_INITDB_ARGS, /docker-entrypoint-initdb.d/*.sql and *.sh on first start,
#   and "database system is ready to accept connections" logged twice on a first start (the init
#   server, then the real one), which is what Testcontainers' PostgreSQLContainer waits for.
# One addition: POSTGRES_LISTEN_ADDRESSES (default '*', as the official image); with host
# networking the harness sets 127.0.0.1 so nothing listens beyond loopback.
set -eu

if [ "$#" -eq 0 ] || [ "${1#-}" != "$1" ]; then
  set -- postgres "$@"
fi
if [ "$1" != postgres ]; then
  exec "$@"
fi
shift

: "${PGDATA:=/var/lib/postgresql/data}"
: "${PGPORT:=5432}"
export PGDATA PGPORT

if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /run/postgresql
  chown -R postgres:postgres "$PGDATA" /run/postgresql
  chmod 700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" postgres "$@"
fi

user="${POSTGRES_USER:-postgres}"
db="${POSTGRES_DB:-$user}"
auth="${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}"
listen="${POSTGRES_LISTEN_ADDRESSES:-*}"

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$auth" != trust ]; then
    echo "dualoffline/postgres: POSTGRES_PASSWORD is not set (or set POSTGRES_HOST_AUTH_METHOD=trust)" >&2
    exit 1
  fi
  pwfile="$(mktemp)"
  printf '%s\n' "${POSTGRES_PASSWORD:-}" >"$pwfile"
  # shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS is a list of arguments, as in the official image
  initdb --username="$user" --pwfile="$pwfile" --auth-local=trust --auth-host="$auth" \
    --encoding=UTF8 --locale=C.UTF-8 ${POSTGRES_INITDB_ARGS:-} >/dev/null
  rm -f "$pwfile"
  printf 'host all all all %s\n' "$auth" >>"$PGDATA/pg_hba.conf"

  # The init server listens on the socket only, like the official image's.
  pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -p $PGPORT" -w start
  if [ "$db" != postgres ]; then
    psql -v ON_ERROR_STOP=1 --no-psqlrc --username="$user" --dbname=postgres -q \
      -c "CREATE DATABASE \"$(printf '%s' "$db" | sed 's/"/""/g')\""
  fi
  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in
      *.sql) echo "dualoffline/postgres: running $f"; psql -v ON_ERROR_STOP=1 --no-psqlrc --username="$user" --dbname="$db" -q -f "$f" ;;
      *.sh) echo "dualoffline/postgres: running $f"; . "$f" ;;
      *) if [ -e "$f" ]; then echo "dualoffline/postgres: ignoring $f"; fi ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop
  echo "dualoffline/postgres: init process complete; ready for start up."
fi

exec postgres -c "listen_addresses=$listen" "$@"
