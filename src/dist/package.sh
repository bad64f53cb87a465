#!/usr/bin/env bash
# Builds the packaged app: called by `mvn -B -Pdist -DskipTests package` (the dist profile in pom.xml), after
# the profile has written the app jar without JavaFX (target/dist-work/input/concord.jar) and copied JavaFX's
# modular jars for this platform (target/dist-work/javafx/).
#
#   package.sh BUILD_DIR VERSION MAIN_CLASS
#
# 1. a trimmed runtime with jlink: the JDK modules the app uses plus JavaFX as modules, JavaFX's native
#    libraries beside the JDK's in lib/ (loaded from there, not unpacked into ~/.openjfx at every fresh start);
# 2. an app image with jpackage: target/dist/concord/bin/concord, the jar on the class path, the JVM options;
# 3. an AOT cache (JEP 483/514/515, Java 25) recorded from a scripted start of that image under Xvfb: the app
#    opens both windows, loads the lists and quits by itself (-Dconcord.quitWhenStarted=true);
# 4. a .deb of the same image with jpackage (dpkg-deb, fakeroot): installs in /opt/concord, links /usr/bin/concord
#    (src/dist/deb/postinst, prerm: jpackage's scripts plus that link).
#
# The JDK that links and packages: $CONCORD_DIST_JDK if set, else the newest JDK >= 25 in /usr/lib/jvm
# (the build itself stays on Java 17). Each missing prerequisite stops the build with a message naming it.
set -euo pipefail

build=${1:?BUILD_DIR}; version=${2:?VERSION}; main_class=${3:?MAIN_CLASS}
work=$build/dist-work; dist=$build/dist; name=concord
fail() { echo "dist: $*" >&2; exit 1; }
step() { echo "dist: $*"; }

# ---- prerequisites, checked before any work
find_jdk() {
  if [ -n "${CONCORD_DIST_JDK:-}" ]; then echo "$CONCORD_DIST_JDK"; return; fi
  local best="" best_major=0 d v major
  for d in /usr/lib/jvm/*/; do
    d=${d%/}; [ -f "$d/release" ] && [ -x "$d/bin/jlink" ] && [ -x "$d/bin/jpackage" ] || continue
    v=$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$d/release"); major=${v%%.*}
    [[ $major =~ ^[0-9]+$ ]] && [ "$major" -ge 25 ] && [ "$major" -gt "$best_major" ] && { best=$d; best_major=$major; }
  done
  echo "$best"
}
jdk=$(find_jdk)
[ -n "$jdk" ] || fail "no JDK 25 or newer with jlink and jpackage in /usr/lib/jvm; install one (e.g. Temurin 25) or set CONCORD_DIST_JDK=DIR"
[ -x "$jdk/bin/jlink" ] && [ -x "$jdk/bin/jpackage" ] || fail "CONCORD_DIST_JDK=$jdk has no bin/jlink and bin/jpackage"
missing=()
for tool in dpkg-deb fakeroot Xvfb xdpyinfo unzip; do command -v "$tool" >/dev/null || missing+=("$tool"); done
[ ${#missing[@]} -eq 0 ] || fail "missing ${missing[*]}: apt-get install dpkg fakeroot xvfb x11-utils unzip (Xvfb is needed to record the AOT cache from a real start; dpkg-deb and fakeroot by jpackage for the .deb)"
fx_jars=$(ls "$work"/javafx/javafx-*-[0-9]*-*.jar 2>/dev/null | tr '\n' ':') # the platform jars (…-21.0.11-linux.jar), not the empty ones
[ -n "$fx_jars" ] || fail "no JavaFX platform jars in $work/javafx"
step "JDK for jlink/jpackage: $jdk ($("$jdk/bin/java" -version 2>&1 | head -1))"

# ---- 1. the runtime
# The JDK modules: `jdeps --print-module-deps` on the app jar (java.logging, java.xml, java.transaction.xa are
# pulled in by those), checked by running every command of the packaged app (docs/user-guide.md).
jdk_modules=java.base,java.desktop,java.instrument,java.logging,java.management,java.naming,java.rmi,java.security.jgss,java.sql,java.xml,jdk.jfr,jdk.unsupported
rm -rf "$work/runtime" "$dist"
step "jlink: $jdk_modules + javafx.controls"
"$jdk/bin/jlink" --module-path "${fx_jars%:}" --add-modules "$jdk_modules,javafx.controls" \
  --strip-debug --no-man-pages --no-header-files --compress=zip-6 --output "$work/runtime"
# JavaFX's own loader looks for its libraries in the runtime's lib/ first; only if they are missing there does
# it unpack them from the module into ~/.openjfx/cache (at every start with a fresh home).
graphics=$(ls "$work"/javafx/javafx-graphics-[0-9]*-*.jar)
unzip -q -o -j "$graphics" '*.so' -d "$work/runtime/lib"

# ---- 2. the app image
# Heap bounds for the desktop app with its embedded server and for `concord server` alike; JavaFX 21 calls
# System.load (native access) and sun.misc.Unsafe (Marlin's off-heap arrays): allowed explicitly on Java 25,
# which otherwise prints a warning for each at every start. The AOT cache is recorded in step 3.
java_options=(-Xms64m -Xmx1g --enable-native-access=javafx.graphics,ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
jp_opts=(); for o in "${java_options[@]}"; do jp_opts+=(--java-options "$o"); done
app_version=${version%%-*}
step "jpackage app image $dist/$name (version $app_version)"
"$jdk/bin/jpackage" --type app-image --name "$name" --dest "$dist" --app-version "$app_version" \
  --runtime-image "$work/runtime" --input "$work/input" --main-jar concord.jar --main-class "$main_class" \
  --description "Concord: a note editor that never silently loses anyone's work" --vendor Concord \
  "${jp_opts[@]}" --java-options "-XX:AOTCache=\$APPDIR/$name.aot"
image=$dist/$name
cfg=$image/lib/app/$name.cfg
[ -x "$image/bin/$name" ] && [ -f "$cfg" ] || fail "jpackage made no launcher $image/bin/$name"

# ---- 3. the AOT cache, from a scripted start of the image itself (same runtime, same class path)
"$(dirname "$0")/record-aot.sh" "$image" "$name" "$work"

# ---- 4. the .deb, from the finished image (the AOT cache included)
step "jpackage .deb"
"$jdk/bin/jpackage" --type deb --app-image "$image" --name "$name" --dest "$dist" --app-version "$app_version" \
  --description "Concord: a note editor that never silently loses anyone's work" --vendor Concord \
  --linux-package-name "$name" --linux-deb-maintainer "concord@localhost" --linux-app-category editors \
  --linux-shortcut --linux-menu-group Office --resource-dir "$(dirname "$0")/deb"
deb=$(ls "$dist"/*.deb)
step "built: $image ($(du -sh "$image" | cut -f1)), $deb ($(du -h "$deb" | cut -f1))"
