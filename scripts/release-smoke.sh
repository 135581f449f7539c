#!/usr/bin/env bash
# The release gate CI runs after the tests: the production build (`npm start`: api serving the SPA,
# and the worker) against the Cal.com sandbox, then `npm run verify -- --smoke` against it.
# The demo data is loaded into this throw-away deployment only so that verify has its test service.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
sandbox_port=${SMOKE_SANDBOX_PORT:-4511}
api_port=${SMOKE_API_PORT:-4510}
export ASKPRO_DATA_DIR="$work/data"
export CALCOM_API_URL="http://127.0.0.1:$sandbox_port" CALCOM_API_KEY=cal_test_askpro_demo
export APP_SECRET; APP_SECRET=$(head -c 32 /dev/urandom | base64 | tr -d '\n')
export PORT=$api_port

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 60); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.5; done
  done
  rm -rf "$work"
}
trap cleanup EXIT

CALCOM_SANDBOX_PORT=$sandbox_port setsid npm run sandbox -w @askpro/calcom >"$work/sandbox.log" 2>&1 &
pids+=($!)
setsid npm start >"$work/start.log" 2>&1 &
pids+=($!)

for _ in $(seq 1 240); do
  curl -fsS "http://127.0.0.1:$api_port/readyz" >/dev/null 2>&1 && break
  sleep 0.5
done
if ! curl -fsS "http://127.0.0.1:$api_port/readyz" >/dev/null; then
  echo "npm start did not become ready:"; cat "$work/start.log"; exit 1
fi
curl -fsS "http://127.0.0.1:$api_port/" | grep -q '<div id="root">' || { echo "the api does not serve the SPA"; exit 1; }
echo "npm start is ready at http://127.0.0.1:$api_port (SPA and api)"

env -u NODE_ENV npm run db:seed
status=0
NODE_ENV=production npm run verify -- --smoke || status=$?
if [ "$status" -ne 0 ]; then echo "--- npm start output ---"; tail -n 60 "$work/start.log"; fi
exit "$status"
