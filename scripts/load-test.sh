#!/usr/bin/env bash
# Bounded load run on loopback against the Release build of the API, with the model file replaced twice
# during each run. Installs wrk from Debian's packages when it is missing. Stops by itself.
#
#   scripts/load-test.sh [DURATION_SECONDS=30] [CONNECTIONS=64] [RUNS=3] [TEXT_FILE=seeds/004_9e9f9821349f9dac.txt]
#   (a 1,500-character article for the performance target: TEXT_FILE=benchmarks/article-1500.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-30}"
connections="${2:-64}"
runs="${3:-3}"
text_file="${4:-seeds/004_9e9f9821349f9dac.txt}"
port=5097

if ! command -v wrk >/dev/null; then
  echo "installing wrk from Debian's packages" >&2
  (apt-get update -qq && apt-get install -y -qq wrk) >/dev/null
fi

work="$(mktemp -d)"
api_pid=""
cleanup() { [[ -n "$api_pid" ]] && kill "$api_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

dotnet publish src/Classifier.Api -c Release -o "$work/api" --nologo -v quiet >/dev/null
# MODEL: the model served (default: the shipped one); ALTERNATE_MODEL: the one swapped in and out during each run.
cp "${MODEL:-models/topic-model.zip}" "$work/model.zip"
cp "${MODEL:-models/topic-model.zip}" "$work/a.zip"
cp "${ALTERNATE_MODEL:-models/topic-model.previous.zip}" "$work/b.zip" 2>/dev/null || cp "$work/a.zip" "$work/b.zip"

cat > "$work/post.lua" <<LUA
local f = io.open("$text_file", "rb")
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "text/plain; charset=utf-8"
LUA

replace_model() { # the way train writes it: a temporary file renamed over the model
  cp "$1" "$work/.model.zip.tmp"
  mv -f "$work/.model.zip.tmp" "$work/model.zip"
}

(
  cd "$work/api"
  Classifier__ModelPath="$work/model.zip" RateLimiting__Enabled=false Logging__LogLevel__Default=Warning \
    Urls="http://127.0.0.1:$port" DOTNET_gcServer="${GC_SERVER:-1}" exec dotnet Classifier.Api.dll
) > "$work/api.log" 2>&1 &
api_pid=$!

start=$(date +%s.%N)
for _ in $(seq 1 100); do
  if curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null; then break; fi
  sleep 0.1
done
ready=$(date +%s.%N)
curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "the API did not become ready" >&2; cat "$work/api.log" >&2; exit 1; }
real_pid=$(pgrep -f "Classifier.Api.dll" | head -1)
printf 'cold start to ready: %.2f s (process start to /health/ready answering 200)\n' "$(echo "$ready - $start" | bc)"
echo "text: $text_file ($(wc -c < "$text_file") bytes), $connections connections, $duration s per run, 2 threads"

# Warm-up (not reported): lets tiered compilation and PGO settle, as in a service that has been running.
wrk -t2 -c"$connections" -d5s -s "$work/post.lua" "http://127.0.0.1:$port/predict" > /dev/null

generation() { curl -s "http://127.0.0.1:$port/model" | sed -n 's/.*"generation":\([0-9]*\).*/\1/p'; }

for run in $(seq 1 "$runs"); do
  before=$(generation)
  # SWAPS=0 measures steady serving without the two model replacements.
  ( if [[ "${SWAPS:-2}" != 0 ]]; then sleep "$(echo "$duration / 3" | bc -l)"; replace_model "$work/b.zip"; sleep "$(echo "$duration / 3" | bc -l)"; replace_model "$work/a.zip"; fi ) &
  swapper=$!
  wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$work/post.lua" "http://127.0.0.1:$port/predict" > "$work/wrk.txt"
  wait "$swapper"
  after=$(generation)
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
  p50=$(awk '$1=="50%" {print $2}' "$work/wrk.txt")
  p99=$(awk '$1=="99%" {print $2}' "$work/wrk.txt")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$work/wrk.txt"); non2xx=${non2xx:-0}
  socket=$(awk '/Socket errors/ {print $0}' "$work/wrk.txt"); socket=${socket:-"Socket errors: none"}
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$real_pid/status")
  peak=$(awk '/VmHWM/ {print $2}' "/proc/$real_pid/status")
  printf 'run %d: %s req/s, p50 %s, p99 %s, non-2xx %s, %s, model generation %s -> %s, RSS %d MB, peak RSS %d MB\n' \
    "$run" "$rps" "$p50" "$p99" "$non2xx" "$socket" "$before" "$after" $((rss / 1024)) $((peak / 1024))
done
