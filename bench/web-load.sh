#!/usr/bin/env bash
# Web load benchmark of the IdP (issue 4 item 10); never run by the tests. Usage (from the repository root):
#   bench/run web [SESSIONS] [CONNECTIONS] [SECONDS]        defaults: 32 sessions, 16 connections, 30 s
# Starts `./stsbridge serve --demo` in its own JVM (the wrapper's heap settings) on a free loopback port with a
# dedicated data directory holding an RSA-2048 signing key, logs in SESSIONS sessions as alice, warms up, then drives
# GET /sso/aws?account=prod&role=Admin with Debian's wrk (CONNECTIONS connections, one thread, the session cookies
# rotated by a Lua script) for SECONDS seconds. Reports signed responses/s, p50/p99 latency, errors, and the
# server's peak RSS (VmHWM). The load driver shares the machine's cores with the server.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
sessions="${1:-32}" connections="${2:-16}" seconds="${3:-30}"
command -v wrk >/dev/null || { echo "bench/run web: wrk is required (apt-get install wrk)" >&2; exit 1; }
data="bench/target/web-data"
mkdir -p "$data"
if [ ! -f "$data/keys/idp-signing.p12" ]; then
  ./stsbridge keys generate --algorithm rsa-2048 --data-dir "$data" >/dev/null
fi
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
base="http://127.0.0.1:$port"
./stsbridge serve --demo --data-dir "$data" --port "$port" > "$data/server.out" 2> "$data/server.err" &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -fs -o /dev/null "$base/healthz" && break; sleep 0.1; done
curl -fs -o /dev/null "$base/healthz" || { cat "$data/server.err" >&2; echo "the server did not start" >&2; exit 1; }

lua="$data/rotate.lua"
echo "local cookies = {" > "$lua"
for i in $(seq 1 "$sessions"); do
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
curl -fsS -H "Cookie: $(sed -n '2p' "$lua" | tr -d ' ",')" "$base/sso/aws?account=prod&role=Admin" | grep -q SAMLResponse \
  || { echo "a logged-in session does not get a SAML form" >&2; exit 1; }

echo "warming up (15 s)..." >&2
wrk -t1 -c"$connections" -d15s -s "$lua" "$base" > /dev/null
echo "measuring: $sessions sessions, $connections connections, ${seconds} s" >&2
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
cpu_before="$(awk '{ print $14 + $15 }' "/proc/$server/stat")"
wrk -t1 -c"$connections" -d"${seconds}s" --latency -s "$lua" "$base" | tee "$data/wrk.out"
cpu_after="$(awk '{ print $14 + $15 }' "/proc/$server/stat")"
ticks="$(getconf CLK_TCK)"
rss="$(awk '/VmHWM/ { print $2 }' "/proc/$server/status")"
issued="$(grep -c '"event":"assertion"' "$data/server.out" || true)"
echo
echo "== stsbridge web load: GET /sso/aws (sign-in to prod/Admin, RSA-2048, assertion signed) =="
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server JVM: ${STSBRIDGE_JAVA_OPTS:--Xms256m -Xmx256m -XX:+UseSerialGC} (the ./stsbridge wrapper's)"
echo "signed responses/s: $(awk '/Requests\/sec/ { print $2 }' "$data/wrk.out")"
echo "latency p50: $(awk '$1 == "50%" { print $2 }' "$data/wrk.out"), p99: $(awk '$1 == "99%" { print $2 }' "$data/wrk.out")"
echo "errors: non-2xx $(awk '/Non-2xx/ { print $5 }' "$data/wrk.out" | grep . || echo 0), socket $(grep 'Socket errors' "$data/wrk.out" || echo none)"
echo "assertions audited (warm-up included): $issued"
echo "server peak RSS (VmHWM): $((rss / 1024)) MB"
awk -v c=$((cpu_after - cpu_before)) -v t="$ticks" '/^ *[0-9]+ requests in/ { r = $1 } END {
  if (c > 0) printf "server CPU per response: %.2f ms, i.e. %.0f responses per CPU-second (the rate a quiet core would give)\n", c * 1000 / t / r, r * t / c }' "$data/wrk.out"
