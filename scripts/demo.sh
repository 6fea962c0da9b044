#!/usr/bin/env bash
# The main job on a bundled example (what `make demo` runs after installing):
# check every example, draw the image server's program graph, build the example web server,
# launch it on a free port with a small document root, fetch a page from it, and keep it
# serving until Ctrl-C. FLUX_DEMO_ONCE=1 stops it after the first page (for scripts).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# The last thing the demo prints: how to get bare `flux` (as the README writes it) on PATH.
on_path() {
  printf '\n`flux` and `flux-ls` are in %s/: run `source %s/activate` to use them as `flux`,\n' \
    "$BIN" "$BIN"
  printf 'or install them for your user with `pipx install .` (see "Install" in README.md).\n'
}

step "flux check examples/"
"$BIN/flux" check examples/

step "flux graph examples/imageserver/imageserver.flux --format mermaid"
"$BIN/flux" graph examples/imageserver/imageserver.flux --format mermaid

step "flux build examples/webserver"
"$BIN/flux" build examples/webserver

root=$(mktemp -d)
log="$root.log"
cat > "$root/index.html" <<'HTML'
<!doctype html>
<title>Flux</title>
<h1>Served by a Flux program</h1>
<p>examples/webserver: one flow per request, composed from sequential C functions.</p>
HTML

step "flux run examples/webserver -- --port 0 --root $root"
"$BIN/flux" run examples/webserver -- --port 0 --root "$root" >"$log" 2>&1 &
server=$!
cleanup() {
  kill -TERM "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$root" "$log"
}
trap cleanup EXIT
trap 'on_path; exit 0' INT TERM

url=""
for _ in $(seq 100); do
  url=$(sed -n 's/^listening on \(http:[^ ]*\).*/\1/p' "$log" | head -n 1)
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$log"; echo "the web server exited" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { cat "$log"; echo "the web server did not start listening" >&2; exit 1; }
cat "$log"

step "curl -i $url/index.html"
curl -sS -i "$url/index.html"

if [ "${FLUX_DEMO_ONCE:-0}" = 1 ]; then
  on_path
  exit 0
fi
printf '\nThe web server is serving %s at %s/ — press Ctrl-C to stop it.\n' "$root" "$url"
wait "$server"
