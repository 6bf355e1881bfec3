#!/usr/bin/env bash
# Make sure the real services the tests use are up: PostgreSQL on 127.0.0.1:5432, Redis on 127.0.0.1:6379,
# and Debian's chromium for the browser tests. Starts or installs what is missing when it can, and says how otherwise.
set -uo pipefail

up() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if ! up 5432; then
  echo "[setup] PostgreSQL is not listening on 127.0.0.1:5432; trying to start it"
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  fi
  for _ in $(seq 1 20); do up 5432 && break; sleep 0.5; done
  up 5432 || echo "[setup] PostgreSQL still down: start it with 'pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start' (trust auth, database 'test')" >&2
fi

if ! up 6379; then
  echo "[setup] Redis is not listening on 127.0.0.1:6379; trying to start it"
  if command -v redis-server >/dev/null 2>&1; then
    mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
  fi
  for _ in $(seq 1 20); do up 6379 && break; sleep 0.5; done
  up 6379 || echo "[setup] Redis still down: start it with 'redis-server --daemonize yes --port 6379'" >&2
fi

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "[setup] installing Debian's chromium for the browser tests"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "[setup] could not install chromium; browser tests will fail" >&2
  else
    echo "[setup] /usr/bin/chromium is missing: install it with 'sudo apt-get install -y chromium'" >&2
  fi
fi
exit 0
