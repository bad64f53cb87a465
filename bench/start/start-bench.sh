#!/usr/bin/env bash
# Start benchmark: time from launch to two visible windows (Alice and Bob), the packaged app side by side
# with the plain jar, in one run, interleaved, a fresh home each time. Not part of `mvn verify`.
#
#   mvn -B -Pdist -DskipTests package          # builds target/concord.jar and target/dist/concord/
#   bench/start/start-bench.sh [RUNS]          # from the project root; RUNS per variant, default 7
#
# Variants (default "package jar"; BENCH_VARIANTS="package jar jar25" adds the jar on the Java 25 JDK without
# an AOT cache; BENCH_PACKAGE=DIR/bin/concord times another launcher, e.g. one unpacked from the .deb):
#   package  target/dist/concord/bin/concord            (its own Java 25 runtime, AOT cache, heap bounds)
#   jar      java -jar target/concord.jar               (`java` on the PATH: 17 here)
#   jar25    $JAVA25/bin/java -jar target/concord.jar   (JAVA25 default: the newest JDK >= 25 in /usr/lib/jvm)
#   NAME=LAUNCHER  any other launcher, e.g. pkg17=/tmp/pkg17/concord/bin/concord (a name without spaces)
#
# Each run: a new empty home (HOME, -Duser.home through JAVA_TOOL_OPTIONS for every variant alike, and
# CONCORD_HOME), so the embedded server starts on an empty data directory and JavaFX's native libraries are
# unpacked again where a variant unpacks them; the clock starts just before the command and stops when
# `xdotool search --onlyvisible` sees two windows named "Concord — …" on a private Xvfb (with openbox when
# installed); then the app is stopped (SIGTERM) before the next run. One untimed start of each variant first
# (file cache). Prints every run, the median per variant and the ratio of each median to the jar's; beside the
# wall time, the process's CPU time (all threads) up to the same moment, which a loaded machine moves less.
set -euo pipefail
runs=${1:-7}
variants=(${BENCH_VARIANTS:-package jar})
package=${BENCH_PACKAGE:-target/dist/concord/bin/concord}
jar=target/concord.jar
java25=${JAVA25:-$(ls -d /usr/lib/jvm/*25* 2>/dev/null | sort -V | tail -1)}
for tool in Xvfb xdotool xdpyinfo; do command -v "$tool" >/dev/null || { echo "start-bench: needs $tool (apt-get install xvfb xdotool x11-utils)" >&2; exit 1; }; done
[ -f "$jar" ] || { echo "start-bench: no $jar: run mvn -B -Pdist -DskipTests package first" >&2; exit 1; }
[[ " ${variants[*]} " != *" package "* ]] || [ -x "$package" ] || { echo "start-bench: no $package: run mvn -B -Pdist -DskipTests package first" >&2; exit 1; }

out=target/start-bench; mkdir -p "$out"
display=""
for n in $(seq 130 169); do [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] || { display=:$n; break; }; done
Xvfb "$display" -screen 0 1600x900x24 -nolisten tcp >"$out/xvfb.log" 2>&1 & xvfb=$!
wm=""
app=""
cleanup() {
  [ -n "$app" ] && kill "$app" 2>/dev/null
  [ -n "$wm" ] && kill "$wm" 2>/dev/null
  kill "$xvfb" 2>/dev/null || true
}
trap cleanup EXIT
export DISPLAY=$display
for _ in $(seq 1 100); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
xdpyinfo >/dev/null 2>&1 || { echo "start-bench: Xvfb did not start on $display" >&2; exit 1; }
if command -v openbox >/dev/null; then openbox >/dev/null 2>&1 & wm=$!; fi

command_of() {
  case "$1" in
    package) echo "$package" ;;
    jar) echo "java -jar $jar" ;;
    jar25) echo "$java25/bin/java -jar $jar" ;;
    *=*) echo "${1#*=}" ;;
    *) echo "start-bench: unknown variant $1" >&2; exit 2 ;;
  esac
}

# one start; prints milliseconds to two visible Concord windows
start_once() {
  local variant=$1 home t0 t1 n
  home=$(mktemp -d)
  t0=$(date +%s%N)
  HOME=$home CONCORD_HOME=$home/.concord JAVA_TOOL_OPTIONS="-Duser.home=$home" $(command_of "$variant") >"$out/${variant%%=*}.log" 2>&1 & app=$!
  while :; do
    n=$( (xdotool search --onlyvisible --name '^Concord — ' 2>/dev/null || true) | wc -l)
    [ "$n" -ge 2 ] && break
    kill -0 "$app" 2>/dev/null || { echo "start-bench: $variant exited before showing two windows (see $out/${variant%%=*}.log)" >&2; exit 1; }
    [ $(( ($(date +%s%N) - t0) / 1000000 )) -lt 180000 ] || { echo "start-bench: $variant: no two windows after 180 s" >&2; exit 1; }
    sleep 0.02
  done
  t1=$(date +%s%N)
  # the process's CPU time (all threads: JIT, GC, the embedded server) up to that moment: utime + stime
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{sub(/^.*\) /, ""); printf "%d", ($12 + $13) * 1000 / hz}' "/proc/$app/stat")
  kill "$app" 2>/dev/null; wait "$app" 2>/dev/null || true; app=""
  rm -rf "$home"
  echo "$(( (t1 - t0) / 1000000 )) $cpu"
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}'; }

echo "start-bench: $runs runs per variant, interleaved: ${variants[*]}; $(nproc) cores; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for v in "${variants[@]}"; do echo "  ${v%%=*}: $(command_of "$v")"; start_once "$v" >/dev/null; : >"$out/${v%%=*}.ms"; : >"$out/${v%%=*}.cpu"; done
for i in $(seq 1 "$runs"); do
  line="run $i:"
  # alternate the order so neither variant always follows the other
  if [ $((i % 2)) -eq 1 ]; then order=("${variants[@]}"); else order=(); for ((k=${#variants[@]}-1; k>=0; k--)); do order+=("${variants[k]}"); done; fi
  for v in "${order[@]}"; do
    read -r ms cpu < <(start_once "$v")
    echo "$ms" >>"$out/${v%%=*}.ms"; echo "$cpu" >>"$out/${v%%=*}.cpu"; line+=" ${v%%=*} ${ms} ms (cpu ${cpu})"
  done
  echo "$line"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
jar_median=$(median <"$out/jar.ms" 2>/dev/null || echo "")
jar_cpu=$(median <"$out/jar.cpu" 2>/dev/null || echo "")
ratio() { [ -n "$2" ] && [ "$2" -gt 0 ] && awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f x jar", a/b}'; }
for v in "${variants[@]}"; do
  v=${v%%=*}; m=$(median <"$out/$v.ms"); c=$(median <"$out/$v.cpu")
  echo "median $v: $m ms to two windows ($(ratio "$m" "$jar_median"); min $(sort -n "$out/$v.ms" | head -1), max $(sort -n "$out/$v.ms" | tail -1)), CPU $c ms ($(ratio "$c" "$jar_cpu"))"
done
