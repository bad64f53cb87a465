#!/usr/bin/env bash
# Records the packaged app's AOT cache (JEP 483/514/515) from one scripted start (called by package.sh).
#
#   record-aot.sh IMAGE NAME WORK_DIR
#
# Runs IMAGE/bin/NAME itself, so the cache matches the launcher's runtime, class path and options exactly:
# for this one run the launcher's configuration records (-XX:AOTCacheOutput) instead of using the cache, and
# -Dconcord.quitWhenStarted=true makes the app quit once both windows are shown and loaded. The run is on a
# private Xvfb display with a fresh home. Then the cache is checked with -XX:AOTMode=on, which fails if the
# JVM cannot use it. Any failure stops the build: a package without its cache would start slowly unnoticed.
set -euo pipefail
image=${1:?IMAGE}; name=${2:?NAME}; work=${3:?WORK_DIR}
cfg=$image/lib/app/$name.cfg; aot=$image/lib/app/$name.aot
fail() { echo "dist: AOT cache: $*" >&2; exit 1; }
grep -q '^java-options=-XX:AOTCache=\$APPDIR/'"$name"'.aot$' "$cfg" || fail "$cfg does not name the AOT cache"

xvfb_pid=""; cp "$cfg" "$work/launcher.cfg"
cleanup() {
  cp "$work/launcher.cfg" "$cfg"
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
}
trap cleanup EXIT

display=""
for n in $(seq 90 129); do [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] || { display=:$n; break; }; done
[ -n "$display" ] || fail "no free X display number in :90-:129"
Xvfb "$display" -screen 0 1600x900x24 -nolisten tcp >"$work/xvfb.log" 2>&1 & xvfb_pid=$!
for _ in $(seq 1 100); do DISPLAY=$display xdpyinfo >/dev/null 2>&1 && break; kill -0 "$xvfb_pid" 2>/dev/null || break; sleep 0.1; done
DISPLAY=$display xdpyinfo >/dev/null 2>&1 || fail "Xvfb did not start on $display (see $work/xvfb.log)"

home=$(mktemp -d "$work/aot-home.XXXXXX"); rm -f "$aot"
sed -e 's|^java-options=-XX:AOTCache=\(.*\)$|java-options=-XX:AOTCacheOutput=\1|' "$work/launcher.cfg" > "$cfg"
printf 'java-options=-Dconcord.quitWhenStarted=true\njava-options=-Duser.home=%s\n' "$home" >> "$cfg"
echo "dist: recording the AOT cache from a scripted start on $display (fresh home $home)"
set +e
DISPLAY=$display HOME=$home CONCORD_HOME=$home/.concord timeout 600 "$image/bin/$name" >"$work/aot-record.log" 2>&1
rc=$?
set -e
rm -rf "$home"
[ $rc -eq 0 ] || { tail -30 "$work/aot-record.log" >&2; fail "the scripted start exited with $rc (log: $work/aot-record.log)"; }
grep -q 'quitting (concord.quitWhenStarted)' "$work/aot-record.log" || fail "the app quit without showing its windows (log: $work/aot-record.log)"
[ -s "$aot" ] || { tail -30 "$work/aot-record.log" >&2; fail "no cache written to $aot (log: $work/aot-record.log)"; }
cp "$work/launcher.cfg" "$cfg"

# The launcher as installed: it must map the cache (AOTMode=on turns "cannot use it" into an error).
JAVA_TOOL_OPTIONS=-XX:AOTMode=on "$image/bin/$name" help >"$work/aot-check.log" 2>&1 \
  || { cat "$work/aot-check.log" >&2; fail "the launcher cannot use $aot"; }
echo "dist: AOT cache $aot ($(du -h "$aot" | cut -f1)), used by the launcher"
