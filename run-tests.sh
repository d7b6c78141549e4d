#!/usr/bin/env bash
# Installs what the tests need, then runs every test of every module: the README's test command.
# Servers (dynalite, redis-server, PostgreSQL, MariaDB) are started by the tests themselves on free loopback ports and stopped after.
set -euo pipefail
cd "$(dirname "$0")"

have() { command -v "$1" >/dev/null 2>&1; }
apt_install() {
  if [ -z "${APT_UPDATED:-}" ]; then apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

have java || apt_install openjdk-17-jdk-headless
if ! have node || ! have npm; then apt_install nodejs npm; fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  echo "run-tests.sh: dynalite 4.0.0 needs Node.js 20 or later; this machine has $(node --version)" >&2
  exit 1
fi

# The Redis store's tests start redis-server (single server and a 3-primary cluster) themselves.
if ! have redis-server || ! have redis-cli; then apt_install redis-server; fi
# PostgreSQL and MariaDB for once-jdbc: its tests run initdb/postgres and mariadb-install-db/mariadbd
# themselves, into temporary directories on free loopback ports; no system service is started.
have_postgres() { have initdb || compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; }
have_postgres || apt_install postgresql
have mariadbd || [ -x /usr/sbin/mariadbd ] || apt_install mariadb-server

echo "== installing dynalite (npm, pinned by tools/dynalite/package-lock.json)"
npm ci --prefix tools/dynalite --no-audit --no-fund --loglevel=error

echo "== building and testing every module"
./mvnw -B -ntp verify "$@"
