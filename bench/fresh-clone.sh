#!/usr/bin/env bash
# Times the README's first command on a fresh clone of this checkout: `npm install && npm start`
# until the server says it is ready, then stops it. Prints the seconds. (npm test prints the
# duration of each of its steps itself.)
#
#   bash bench/fresh-clone.sh [port=3900]
set -euo pipefail
port="${1:-3900}"
dir="$(mktemp -d)"
pid=""
# The server runs in its own process group; SIGTERM lets it stop its embedded PostgreSQL.
trap '[ -n "$pid" ] && { kill -TERM -- "-$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }; rm -rf "$dir"' EXIT
git clone -q "$(cd "$(dirname "$0")/.." && pwd)" "$dir/app"
cd "$dir/app"
start=$(date +%s.%N)
PORT="$port" EMBEDDED_PG_PORT=$((port + 47000)) setsid bash -c 'npm install --no-audit --no-fund && npm start' > "$dir/log.txt" 2>&1 &
pid=$!
until grep -q "kubeyard: ready" "$dir/log.txt"; do
  if ! kill -0 "$pid" 2>/dev/null; then cat "$dir/log.txt"; echo "npm start exited before it was ready" >&2; exit 1; fi
  sleep 1
done
end=$(date +%s.%N)
grep -E "✔|Embedded PostgreSQL (initialised|ready)" "$dir/log.txt" || true
printf 'fresh clone → ready: %.0f s (npm install && npm start)\n' "$(echo "$end - $start" | bc)"
