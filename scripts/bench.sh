#!/usr/bin/env bash
# The escrow core's benchmark (issue: deal transitions/s vs pgbench -N, listing search p50/p95 at 1M listings) and the
# notification sender's sustained rate against a fake Bot API that enforces Telegram's limits (target ≥ 25/s, no 429),
# and the Telegram webhook's latency at 500 updates/s (target p99 ≤ 15 ms).
# Starts the services, uses its own database (trustytrade_bench, kept between runs so the 1M listings are seeded
# once), builds in Release and prints both comparisons side by side. Exit code 1 when a target is missed.
#   scripts/bench.sh                      full run (1,000,000 listings, 15 s throughput runs)
#   BENCH_LISTINGS=100000 BENCH_SECONDS=5 scripts/bench.sh   a quick look
#   BENCH_PARTS=deals scripts/bench.sh    only the deal throughput (BENCH_PARTS=search: only the search;
#                                         BENCH_PARTS=notifications: only the notification rate, BENCH_NOTIFICATIONS=2000;
#                                         BENCH_PARTS=webhook: only the webhook's latency at 500 updates/s;
#                                         BENCH_PARTS=chain: only the chain poller's RPC calls per block with
#                                         BENCH_CHAIN_INVOICES=10000 open invoices over BENCH_CHAIN_BLOCKS=50 blocks)
#   BENCH_WARMUP_SECONDS=10               uncounted deal transitions before the timed run, so the JIT has settled
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

"$REPO_ROOT/scripts/services.sh" start
# The dev chain's test token, compiled from infra/chain (skipped when up to date); DevChain deploys it from here.
TT_CONTRACTS_DIR=$("$REPO_ROOT/scripts/compile-contracts.sh")
export TT_CONTRACTS_DIR
export_local_settings
bench_db="${PG_DATABASE}_bench"
if [ -z "$(as_root runuser -u postgres -- psql -p "$PG_PORT" -qtAc "SELECT 1 FROM pg_database WHERE datname = '$bench_db'")" ]; then
  as_root runuser -u postgres -- createdb -p "$PG_PORT" -O "$PG_USER" "$bench_db"
fi
# pg_prewarm (contrib) loads the listings into shared buffers before search is timed: the steady state of a server
# that serves search all day, whatever order the benchmark's own queries happen to touch pages in.
as_root runuser -u postgres -- psql -p "$PG_PORT" -d "$bench_db" -qc "CREATE EXTENSION IF NOT EXISTS pg_prewarm"
export Postgres__ConnectionString="Host=127.0.0.1;Port=$PG_PORT;Database=$bench_db;Username=$PG_USER;Password=$PG_PASSWORD;Maximum Pool Size=64"
# The webhook answers pre-checkout queries through the Bot API client, so it needs a token; the benchmark sends none.
export Telegram__BotToken="123456789:bench-placeholder-token"
export Telegram__WebhookSecret="bench-$(head -c 24 /dev/urandom | base64 | tr '+/=' '-_-')"
export Vault__ActiveKeyId="bench" Vault__Keys="bench=$(head -c 32 /dev/urandom | base64)"
export Bench__Listings="${BENCH_LISTINGS:-1000000}" Bench__Seconds="${BENCH_SECONDS:-15}" Bench__WarmUpSeconds="${BENCH_WARMUP_SECONDS:-10}" Bench__Parts="${BENCH_PARTS:-deals,search,notifications,webhook,chain}" \
  Bench__Notifications="${BENCH_NOTIFICATIONS:-2000}" Bench__ChainInvoices="${BENCH_CHAIN_INVOICES:-10000}" Bench__ChainBlocks="${BENCH_CHAIN_BLOCKS:-50}"

dotnet build tests/TrustyTrade.Benchmarks -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet tests/TrustyTrade.Benchmarks/bin/Release/net10.0/TrustyTrade.Benchmarks.dll
