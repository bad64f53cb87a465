#!/usr/bin/env bash
# Checks the built .deb as a user would run it, without installing it: unpacks it with dpkg-deb -x into a
# temporary root and runs that copy of /opt/concord/bin/concord (from the project root, after
# `mvn -B -Pdist -DskipTests package`):
#
#   src/dist/check-deb.sh [DEB]        # default target/dist/concord_*.deb
#
# Every run has -XX:AOTMode=on (JAVA_TOOL_OPTIONS), so it fails if the JVM cannot use the AOT cache from its
# installed place. Checks: the package's metadata; `concord help`; `concord merge-file` on three files
# (a clean merge, and a conflict with its exit status); `concord server` on a fresh data directory (the
# listening line, a note created and read back over HTTP, SIGTERM's exit 143); the desktop app on a private
# Xvfb with a fresh home until both windows (Alice, Bob) are visible, with a screenshot in target/dist-check/.
# Installing for real (maintainer scripts, /usr/bin/concord, apt's dependencies) is `apt-get install ./DEB`.
set -euo pipefail
deb=${1:-$(ls target/dist/concord_*.deb 2>/dev/null | head -1)}
[ -f "$deb" ] || { echo "check-deb: no .deb (run mvn -B -Pdist -DskipTests package)" >&2; exit 1; }
for tool in dpkg-deb Xvfb xdotool xdpyinfo curl; do command -v "$tool" >/dev/null || { echo "check-deb: needs $tool" >&2; exit 1; }; done
out=$PWD/target/dist-check; mkdir -p "$out"
tmp=$(mktemp -d); xvfb=""; pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
ok() { echo "check-deb: ok   $*"; }
bad() { echo "check-deb: FAIL $*" >&2; exit 1; }

dpkg-deb -f "$deb" Package Version Architecture Depends | sed 's/^/  /' | cut -c1-160
dpkg-deb -x "$deb" "$tmp/root"
concord=$tmp/root/opt/concord/bin/concord
[ -x "$concord" ] || bad "no /opt/concord/bin/concord in $deb"
ok "unpacked $(basename "$deb") ($(du -sh "$tmp/root/opt/concord" | cut -f1) in /opt/concord)"
export JAVA_TOOL_OPTIONS=-XX:AOTMode=on
export HOME=$tmp/home CONCORD_HOME=$tmp/home/.concord; mkdir -p "$HOME"

"$concord" help >"$out/help.log" 2>&1 || bad "concord help (see $out/help.log)"
grep -q merge-file "$out/help.log" || bad "concord help printed no usage"
ok "concord help (AOT cache in use: AOTMode=on)"

printf 'Shopping list\nmilk\nbread\nquick fox\n' >"$tmp/base.txt"
printf 'Shopping list\nmilk\nbread\nslow fox\n' >"$tmp/mine.txt"
printf 'Shopping list\nsoy milk\nbread\nquick fox\n' >"$tmp/theirs.txt"
"$concord" merge-file -p "$tmp/mine.txt" "$tmp/base.txt" "$tmp/theirs.txt" >"$out/merge.out" 2>"$out/merge.err" || bad "merge-file: exit $? (see $out/merge.err)"
[ "$(cat "$out/merge.out")" = "$(printf 'Shopping list\nsoy milk\nbread\nslow fox')" ] || bad "merge-file: unexpected result $out/merge.out"
printf 'Shopping list\noat milk\nbread\nquick fox\n' >"$tmp/mine2.txt"
set +e; "$concord" merge-file -p "$tmp/mine2.txt" "$tmp/base.txt" "$tmp/theirs.txt" >"$out/merge2.out" 2>&1; rc=$?; set -e
[ $rc -eq 1 ] && grep -q '^<<<<<<<' "$out/merge2.out" || bad "merge-file conflict: exit $rc (expected 1 and markers, see $out/merge2.out)"
ok "concord merge-file (clean merge exit 0; one conflict exit 1 with markers)"

"$concord" server --port 0 --data "$tmp/data" >"$out/server.log" 2>&1 & server=$!; pids+=("$server")
url=""
for _ in $(seq 1 600); do
  url=$(sed -n 's/^Concord server listening on \(http[^ ]*\)$/\1/p' "$out/server.log"); [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || bad "concord server exited (see $out/server.log)"; sleep 0.1
done
[ -n "$url" ] || bad "concord server printed no listening line in 60 s"
curl -fsS -X PUT "$url/notes/check" -H 'If-None-Match: *' -H 'Content-Type: application/json' -H 'X-Concord-User: check' \
  -d '{"title":"Check","body":"from the packaged server\n"}' >/dev/null || bad "PUT a note to $url"
curl -fsS "$url/notes/check" | grep -q 'from the packaged server' || bad "GET the note back from $url"
kill -TERM "$server"; set +e; wait "$server"; rc=$?; set -e
[ $rc -eq 143 ] || bad "concord server: exit $rc after SIGTERM (expected 143)"
ok "concord server ($url: a note written and read back; SIGTERM exit 143)"

display=""
for n in $(seq 170 209); do [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] || { display=:$n; break; }; done
Xvfb "$display" -screen 0 1600x900x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
export DISPLAY=$display
for _ in $(seq 1 100); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
t0=$(date +%s)
"$concord" >"$out/app.log" 2>&1 & app=$!; pids+=("$app")
seen=""
for _ in $(seq 1 1800); do
  seen=$(for w in $( (xdotool search --onlyvisible --name '^Concord — ' 2>/dev/null || true) ); do xdotool getwindowname "$w"; done | sort | tr '\n' ',')
  [[ $seen == *Alice*Bob* ]] && break
  kill -0 "$app" 2>/dev/null || bad "the desktop app exited (see $out/app.log)"; sleep 0.1
done
[[ $seen == *Alice*Bob* ]] || bad "no two windows (Alice, Bob) in 180 s; saw: $seen"
ok "desktop app: windows ${seen%,} visible after $(( $(date +%s) - t0 )) s"
if command -v import >/dev/null && command -v identify >/dev/null; then
  # mapped is not yet painted: wait (up to 120 s) for a screenshot with the windows' content in it
  colors=0
  for _ in $(seq 1 120); do
    import -window root "$out/windows.png"; colors=$(identify -format %k "$out/windows.png")
    [ "$colors" -gt 100 ] && break; sleep 1
  done
  [ "$colors" -gt 100 ] || bad "the windows stayed blank for 120 s ($out/windows.png)"
  ok "desktop app: painted after $(( $(date +%s) - t0 )) s; screenshot $out/windows.png"
fi
kill "$app"; wait "$app" 2>/dev/null || true
echo "check-deb: all checks passed"
