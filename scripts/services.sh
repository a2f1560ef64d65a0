#!/usr/bin/env bash
# Installs what is missing and starts, on loopback, the services TrustyTrade needs locally:
# PostgreSQL and Redis (Debian's packages), Azurite (the Azure Storage emulator) and ganache (a local EVM dev chain),
# both from npm. No Docker.
#
#   scripts/services.sh start    install what is missing, start each service, wait until it answers
#   scripts/services.sh stop     stop them
#   scripts/services.sh status   say which answer
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

pg_version() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin/postgres 2>/dev/null | sort -V | tail -n 1) || true
  [ -n "$bin" ] && basename "$(dirname "$(dirname "$bin")")"
}

pg_ready() { pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; }

as_postgres() { as_root runuser -u postgres -- "$@"; }

# Debian's cluster starts with 128 MB of shared buffers, sized for a laptop sharing its memory. A database server
# gets a quarter of the memory (PostgreSQL's own advice, and what Azure's flexible servers set), here at most 2 GB:
# searching a million listings reads their table and indexes from there, not from the kernel's cache.
tune_postgres() {
  local version=$1 memory_mb name have restart=""
  memory_mb=$(awk '/^MemTotal:/ {print int($2 / 1024)}' /proc/meminfo)
  # max_connections: a test run's pools and racing tests hold up to ~70 connections, and two checkouts may test side
  # by side (TT_PG_DATABASE), beside a benchmark's 32 pgbench clients; the default 100 runs out.
  local -A want=([shared_buffers]="$(( memory_mb / 4 < 2048 ? memory_mb / 4 : 2048 ))MB" [max_connections]=300)
  for name in "${!want[@]}"; do
    have=$(as_postgres psql -p "$PG_PORT" -qtAc \
      "SELECT CASE unit WHEN '8kB' THEN setting::bigint * 8 / 1024 || 'MB' ELSE setting END FROM pg_settings WHERE name = '$name'")
    if [ "$have" != "${want[$name]}" ]; then
      log "PostgreSQL: $name $have -> ${want[$name]}"
      as_postgres psql -p "$PG_PORT" -qtAc "ALTER SYSTEM SET $name = '${want[$name]}'" >/dev/null
      restart=yes
    fi
  done
  if [ -n "$restart" ]; then
    log "PostgreSQL: restarting for the new settings"
    as_root pg_ctlcluster "$version" main restart
    wait_for PostgreSQL 30 pg_ready
  fi
}

start_postgres() {
  apt_install postgresql postgresql-contrib
  local version
  version=$(pg_version) || true
  [ -n "$version" ] || die "PostgreSQL server binaries not found under /usr/lib/postgresql"
  if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$version main"; then
    log "creating PostgreSQL $version cluster 'main' on port $PG_PORT"
    as_root pg_createcluster "$version" main -p "$PG_PORT" >/dev/null
  fi
  if ! pg_ready; then
    log "starting PostgreSQL $version"
    as_root pg_ctlcluster "$version" main start || true
  fi
  wait_for PostgreSQL 30 pg_ready
  tune_postgres "$version"

  # The app's role and databases; the role may create databases because tests make throwaway ones.
  as_postgres psql -p "$PG_PORT" -v ON_ERROR_STOP=1 -qtAc "
    DO \$\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') THEN
        CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
      END IF;
    END \$\$;" >/dev/null
  for db in "$PG_DATABASE" "${PG_DATABASE}_test"; do
    if [ -z "$(as_postgres psql -p "$PG_PORT" -qtAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
      as_postgres createdb -p "$PG_PORT" -O "$PG_USER" "$db"
    fi
  done
  log "PostgreSQL $version is up on 127.0.0.1:$PG_PORT"
}

redis_ready() { [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = "PONG" ]; }

start_redis() {
  apt_install redis-server redis-tools
  if ! redis_ready; then
    log "starting Redis"
    mkdir -p "$STATE_DIR/redis"
    # Redis holds only what may be lost, so no persistence.
    redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
      --dir "$STATE_DIR/redis" --logfile "$STATE_DIR/redis/redis.log" --pidfile "$STATE_DIR/redis/redis.pid"
  fi
  wait_for Redis 15 redis_ready
  log "Redis is up on 127.0.0.1:$REDIS_PORT"
}

install_node_tools() {
  npm_ci_if_stale "$REPO_ROOT/scripts/devservices" "Azurite, ganache and solc"
}

azurite_ready() {
  port_open "$AZURITE_BLOB_PORT" && port_open "$AZURITE_QUEUE_PORT" && port_open "$AZURITE_TABLE_PORT"
}

start_azurite() {
  install_node_tools
  if ! azurite_ready; then
    log "starting Azurite"
    # --disableTelemetry: Azurite otherwise reports every request to Application Insights (a local emulator has no
    # business phoning home, and the buffering and sending cost it CPU on every request).
    mkdir -p "$STATE_DIR/azurite"
    nohup "$REPO_ROOT/scripts/devservices/node_modules/.bin/azurite" --skipApiVersionCheck --loose --silent --disableTelemetry \
      --location "$STATE_DIR/azurite" --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
      >"$STATE_DIR/azurite/azurite.log" 2>&1 &
    echo $! >"$STATE_DIR/azurite/azurite.pid"
  fi
  wait_for Azurite 60 azurite_ready
  log "Azurite is up on 127.0.0.1:$AZURITE_BLOB_PORT-$AZURITE_TABLE_PORT"
}

chain_ready() {
  curl -sf -m 2 -H 'Content-Type: application/json' -d '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' \
    "http://127.0.0.1:$CHAIN_PORT" | grep -q '"result"'
}

start_chain() {
  install_node_tools
  command -v curl >/dev/null || apt_install curl
  if ! chain_ready; then
    log "starting ganache"
    # --wallet.deterministic: the same funded accounts every start, which the tests sign with. Instamine (the default)
    # mines each transaction at once; tests add confirmations with evm_mine. In memory: nothing outlives a restart.
    mkdir -p "$STATE_DIR/ganache"
    nohup "$REPO_ROOT/scripts/devservices/node_modules/.bin/ganache" --wallet.deterministic --chain.chainId 1337 \
      --server.host 127.0.0.1 --server.port "$CHAIN_PORT" --logging.quiet \
      >"$STATE_DIR/ganache/ganache.log" 2>&1 &
    echo $! >"$STATE_DIR/ganache/ganache.pid"
  fi
  wait_for ganache 60 chain_ready
  log "ganache is up on 127.0.0.1:$CHAIN_PORT (chain id 1337)"
}

stop_all() {
  local version
  version=$(pg_version) || true
  if [ -n "$version" ] && pg_ready; then as_root pg_ctlcluster "$version" main stop && log "PostgreSQL stopped"; fi
  if redis_ready; then redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true; log "Redis stopped"; fi
  if [ -f "$STATE_DIR/azurite/azurite.pid" ]; then
    kill "$(cat "$STATE_DIR/azurite/azurite.pid")" 2>/dev/null && log "Azurite stopped" || true
    rm -f "$STATE_DIR/azurite/azurite.pid"
  fi
  if [ -f "$STATE_DIR/ganache/ganache.pid" ]; then
    kill "$(cat "$STATE_DIR/ganache/ganache.pid")" 2>/dev/null && log "ganache stopped" || true
    rm -f "$STATE_DIR/ganache/ganache.pid"
  fi
}

status() {
  pg_ready && echo "postgres: up" || echo "postgres: down"
  redis_ready && echo "redis: up" || echo "redis: down"
  azurite_ready && echo "azurite: up" || echo "azurite: down"
  chain_ready && echo "ganache: up" || echo "ganache: down"
}

case "${1:-start}" in
  start) start_postgres; start_redis; start_azurite; start_chain ;;
  stop) stop_all ;;
  status) status ;;
  *) die "usage: $0 start|stop|status" ;;
esac
