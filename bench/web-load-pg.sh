#!/usr/bin/env bash
# Web load of two IdP nodes on one PostgreSQL (issue 12 item 5); never run by the tests. Usage (repository root):
#   bench/run web --postgresql [SESSIONS] [CONNECTIONS] [SECONDS]   defaults: 32 sessions, 16 connections, 30 s
# Starts a throwaway PostgreSQL cluster (Debian's postgresql: initdb into a temporary directory, 127.0.0.1 on a free
# port; as the postgres user when run as root), two `./stsbridge serve --config` nodes on it (state.postgresql, one
# data directory with an RSA-2048 signing key), logs in SESSIONS sessions as alice, alternately on node A and node B,
# then drives GET /sso/aws?account=prod&role=Admin with two wrk processes at once, one per node, each with half the
# connections and every session cookie (so most requests use a session made on the other node). Reports signed
# responses/s (both nodes together), p50/p99 per node, errors, and the database's share: PostgreSQL's CPU time
# against both JVMs', and its transactions per response. Everything shares the machine's cores.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
sessions="${1:-32}" connections="${2:-16}" seconds="${3:-30}"
command -v wrk >/dev/null || { echo "bench/run web --postgresql: wrk is required (apt-get install wrk)" >&2; exit 1; }
pgbin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -x "$pgbin/initdb" ] || { echo "bench/run web --postgresql: install the Debian package postgresql" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

data="$(pwd)/bench/target/web-pg-data"
mkdir -p "$data"
if [ ! -f "$data/keys/idp-signing.p12" ]; then
  ./stsbridge keys generate --algorithm rsa-2048 --data-dir "$data" >/dev/null
fi
pg="$(mktemp -d /tmp/stsbridge-bench-pg.XXXXXX)"
as_pg=()
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$pg"; as_pg=(setpriv --reuid=postgres --regid=postgres --init-groups --); fi
password="$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')"
printf '%s\n' "$password" > "$pg/pwfile"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$pg/pwfile"
"${as_pg[@]}" "$pgbin/initdb" -D "$pg/data" -U stsbridge --pwfile="$pg/pwfile" --auth=scram-sha-256 -E UTF8 \
  --locale=C --no-sync > "$pg/initdb.log" 2>&1
rm -f "$pg/pwfile"
pgport="$(free_port)"
"${as_pg[@]}" "$pgbin/postgres" -D "$pg/data" -c listen_addresses=127.0.0.1 -p "$pgport" -k "$pg" \
  -c shared_buffers=64MB > "$pg/postgres.log" 2>&1 &
postmaster=$!
nodes=()
cleanup() {
  for p in "${nodes[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${nodes[@]}"; do wait "$p" 2>/dev/null || true; done
  "${as_pg[@]}" "$pgbin/pg_ctl" stop -D "$pg/data" -m fast >/dev/null 2>&1 || kill "$postmaster" 2>/dev/null || true
  wait "$postmaster" 2>/dev/null || true
  rm -rf "$pg"
}
trap cleanup EXIT
for _ in $(seq 1 100); do "$pgbin/pg_isready" -q -h 127.0.0.1 -p "$pgport" && break; sleep 0.1; done
PGPASSWORD="$password" "$pgbin/psql" -q -h 127.0.0.1 -p "$pgport" -U stsbridge -d postgres -c 'CREATE DATABASE stsbridge'

config="$data/stsbridge.yaml"
sed "s|^data-dir: data|data-dir: $data|" idp-core/src/main/resources/dev/stsbridge/idp/demo/demo.yaml > "$config"
cat >> "$config" <<YAML

state:
  postgresql:
    url: jdbc:postgresql://127.0.0.1:$pgport/stsbridge
    user: stsbridge
    password: {env: STSBRIDGE_DB_PASSWORD}
    pool-size: 8
YAML
ports=("$(free_port)" "$(free_port)")
for i in 0 1; do
  STSBRIDGE_DB_PASSWORD="$password" ./stsbridge serve --config "$config" --port "${ports[$i]}" \
    > "$data/node$i.out" 2> "$data/node$i.err" &
  nodes+=($!)
done
for i in 0 1; do
  base="http://127.0.0.1:${ports[$i]}"
  for _ in $(seq 1 300); do curl -fs -o /dev/null "$base/healthz" && break; sleep 0.1; done
  curl -fs -o /dev/null "$base/healthz" || { cat "$data/node$i.err" >&2; echo "node $i did not start" >&2; exit 1; }
done

lua="$data/rotate.lua"
echo "local cookies = {" > "$lua"
for i in $(seq 1 "$sessions"); do
  base="http://127.0.0.1:${ports[$((i % 2))]}"
  jar="$data/jar"; rm -f "$jar"
  csrf="$(curl -fsS -c "$jar" -b "$jar" "$base/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)"
  curl -fsS -o /dev/null -c "$jar" -b "$jar" --data-urlencode username=alice --data-urlencode password=wonderland \
    --data-urlencode "csrf=$csrf" "$base/login"
  echo "  \"stsbridge_session=$(awk '$6 == "stsbridge_session" { print $7 }' "$jar")\"," >> "$lua"
done
cat >> "$lua" <<'LUA'
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/sso/aws?account=prod&role=Admin", { ["Cookie"] = cookies[(i % #cookies) + 1] })
end
LUA
for i in 0 1; do
  curl -fsS -H "Cookie: $(sed -n '2p' "$lua" | tr -d ' ",')" "http://127.0.0.1:${ports[$i]}/sso/aws?account=prod&role=Admin" \
    | grep -q SAMLResponse || { echo "node $i: a session made on node A gets no SAML form" >&2; exit 1; }
done

ticks_of() { local sum=0 p; for p in "$@"; do [ -r "/proc/$p/stat" ] && sum=$((sum + $(awk '{ print $14 + $15 }' "/proc/$p/stat"))); done; echo "$sum"; }
pg_pids() { echo "$postmaster" $(pgrep -P "$postmaster" || true); }
xacts() { PGPASSWORD="$password" "$pgbin/psql" -qtA -h 127.0.0.1 -p "$pgport" -U stsbridge -d stsbridge \
  -c "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = 'stsbridge'"; }
half=$(( connections / 2 > 0 ? connections / 2 : 1 ))
echo "warming up (15 s)..." >&2
warm=()
for i in 0 1; do wrk -t1 -c"$half" -d15s -s "$lua" "http://127.0.0.1:${ports[$i]}" > /dev/null & warm+=($!); done
wait "${warm[@]}"
echo "measuring: $sessions sessions, $connections connections (half per node), ${seconds} s" >&2
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
jvm_before="$(ticks_of "${nodes[@]}" $(pgrep -P "${nodes[0]}" || true) $(pgrep -P "${nodes[1]}" || true))"
pg_before="$(ticks_of $(pg_pids))" x_before="$(xacts)"
wrk -t1 -c"$half" -d"${seconds}s" --latency -s "$lua" "http://127.0.0.1:${ports[0]}" > "$data/wrk0.out" &
w0=$!
wrk -t1 -c"$half" -d"${seconds}s" --latency -s "$lua" "http://127.0.0.1:${ports[1]}" > "$data/wrk1.out" &
w1=$!
wait "$w0" "$w1"
jvm_after="$(ticks_of "${nodes[@]}" $(pgrep -P "${nodes[0]}" || true) $(pgrep -P "${nodes[1]}" || true))"
pg_after="$(ticks_of $(pg_pids))" x_after="$(xacts)"
cat "$data/wrk0.out" "$data/wrk1.out"
requests=$(( $(awk '/requests in/ { print $1 }' "$data/wrk0.out") + $(awk '/requests in/ { print $1 }' "$data/wrk1.out") ))
echo
echo "== stsbridge web load, two nodes on one PostgreSQL: GET /sso/aws (prod/Admin, RSA-2048, assertion signed) =="
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg)"
echo "PostgreSQL $("$pgbin/postgres" --version | awk '{ print $3 }'); server JVMs: ${STSBRIDGE_JAVA_OPTS:--Xms256m -Xmx256m -XX:+UseSerialGC} (the ./stsbridge wrapper's)"
awk -v r="$requests" -v s="$seconds" 'BEGIN { printf "signed responses/s, both nodes: %.1f\n", r / s }'
for i in 0 1; do
  echo "node $i: $(awk '/Requests\/sec/ { print $2 }' "$data/wrk$i.out")/s, p50 $(awk '$1 == "50%" { print $2 }' "$data/wrk$i.out"), p99 $(awk '$1 == "99%" { print $2 }' "$data/wrk$i.out"), non-2xx $(awk '/Non-2xx/ { print $5 }' "$data/wrk$i.out" | grep . || echo 0)"
done
awk -v j=$((jvm_after - jvm_before)) -v p=$((pg_after - pg_before)) -v r="$requests" -v x=$((x_after - x_before)) 'BEGIN {
  printf "CPU: IdP JVMs %.1f s, PostgreSQL %.1f s: the database'"'"'s share %.1f%%\n", j / 100, p / 100, 100 * p / (j + p)
  printf "database transactions per signed response: %.2f\n", x / r }'
