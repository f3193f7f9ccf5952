#!/usr/bin/env bash
# Start-up time of the IdP (issue 4: "start-up to ready in under 1.5 s"); never run by the tests. Usage (from the
# repository root):  bench/run startup [RUNS]     default 5 runs
# Measures what a user waits for: from launching `./stsbridge serve --demo` (the wrapper: its JVM options and its
# class-data archive; the jar already built) to the first 200 from /healthz (directory answering, keys loaded),
# with an existing data directory (bench/target/startup-data; the keys are generated before the first run). Also
# prints the server's CPU time at that moment, and `./stsbridge demo`'s own "Ready in" (IdP + AWS model + the
# registration through IAM).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-5}"
data="bench/target/startup-data"
mkdir -p "$data"
./stsbridge keys list --data-dir "$data" >/dev/null 2>&1 || ./stsbridge keys generate --data-dir "$data" >/dev/null
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
ticks="$(getconf CLK_TCK)"
echo "== stsbridge start-up: ./stsbridge serve --demo, launch to the first 200 on /healthz =="
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "JVM options: ${STSBRIDGE_JAVA_OPTS:-as the wrapper sets them}"
for i in $(seq 1 "$runs"); do
  port="$(free_port)"
  start=$(date +%s%N)
  ./stsbridge serve --demo --port "$port" --data-dir "$data" >/dev/null 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/healthz"; do
    kill -0 "$pid" 2>/dev/null || { echo "the server exited" >&2; exit 1; }
    sleep 0.01
  done
  end=$(date +%s%N)
  cpu=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  elapsed_ms=$(( (end - start) / 1000000 ))
  cpu_ms=$(( cpu * 1000 / ticks ))
  echo "run $i: ready in $elapsed_ms ms (server CPU so far: $cpu_ms ms)"
done
echo "== ./stsbridge demo (IdP + AWS model + registration), its own report =="
for i in $(seq 1 "$runs"); do
  timeout 20 ./stsbridge demo --idp-port 0 --aws-port 0 --data-dir "$data" 2>/dev/null | grep -m1 '^Ready in' || true
done
