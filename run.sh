#!/usr/bin/env bash
# citytwin set-up and entry points for a fresh Debian 12 machine.
#   ./run.sh demo   install what is missing, build, make the demo city, open it
#                   (no display: render screenshots headless and say where they are)
#   ./run.sh test   install what is missing, build, run every test (render tests under Xvfb)
#   ./run.sh build  install + build only
#   ./run.sh bench  build and run the benchmarks under tests/bench (on demand, not in CI)
# Idempotent: a second run installs nothing and rebuilds only what changed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$(pwd)
BUILD_DIR=${CITYTWIN_BUILD_DIR:-$ROOT/build}
DEMO_DIR=${CITYTWIN_DEMO_DIR:-$ROOT/demo}

# The one list of Debian packages citytwin needs (build, run, test).
PACKAGES=(
  build-essential cmake ninja-build pkg-config ccache
  qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev libqt6openglwidgets6 libqt6sql6-sqlite
  qt6-l10n-tools qt6-tools-dev qt6-tools-dev-tools qt6-translations-l10n
  libopenscenegraph-dev openscenegraph
  libgdal-dev gdal-bin libproj-dev proj-bin libsqlite3-dev sqlite3
  libcitygml-dev libxerces-c-dev libtinygltf-dev libifcplusplus-dev libboost-dev
  xvfb xauth mesa-utils libgl1-mesa-dri fonts-dejavu-core fonts-wqy-microhei
)

log() { printf '\033[1m[citytwin]\033[0m %s\n' "$*" >&2; }

install_missing() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    log "all ${#PACKAGES[@]} Debian packages present"
    return
  fi
  log "installing ${#missing[@]} missing packages: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { log "need root (or sudo) to apt-get install: ${missing[*]}"; exit 1; }
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build() {
  # ccache keyed on paths relative to the checkout, so a fresh clone (CI) reuses earlier objects.
  export CCACHE_BASEDIR="$ROOT" CCACHE_NOHASHDIR=1
  if [ ! -f "$BUILD_DIR/build.ninja" ]; then
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
  fi
  cmake --build "$BUILD_DIR"
}

# Runs "$@" with an X display: the current one if any, else a private Xvfb.
with_display() {
  if [ -n "${DISPLAY:-}" ] && [ -z "${CITYTWIN_FORCE_XVFB:-}" ]; then
    "$@"
  else
    xvfb-run -a -s "-screen 0 1920x1080x24 -nolisten tcp" "$@"
  fi
}

private_runtime_dir() {
  export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d /tmp/citytwin-runtime.XXXXXX)}
  chmod 700 "$XDG_RUNTIME_DIR"
}

cmd_demo() {
  install_missing
  build
  local cli="$BUILD_DIR/app/citytwin-cli" project="$DEMO_DIR/pinghu.citytwin"
  if [ ! -f "$project" ]; then
    log "generating the demo city of Pinghu into $DEMO_DIR"
    "$cli" make-demo "$DEMO_DIR"
  fi
  private_runtime_dir
  if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    log "opening $project"
    exec "$BUILD_DIR/app/citytwin" "$project"
  fi
  log "no display: rendering screenshots headless (Xvfb, software GL)"
  mkdir -p "$DEMO_DIR/screenshots"
  for view in home top centre; do
    LIBGL_ALWAYS_SOFTWARE=1 xvfb-run -a -s "-screen 0 1920x1080x24 -nolisten tcp" \
      "$cli" render "$project" --view "$view" --size 1280x720 -o "$DEMO_DIR/screenshots/$view.png"
  done
  # And the real main window, drawn the same way.
  LIBGL_ALWAYS_SOFTWARE=1 xvfb-run -a -s "-screen 0 1600x900x24 -nolisten tcp" \
    "$BUILD_DIR/app/citytwin" --screenshot "$DEMO_DIR/screenshots/window.png" "$project" || log "could not capture the main window (see the message above)"
  log "screenshots written:"
  ls -1 "$DEMO_DIR"/screenshots/*.png >&2
}

cmd_test() {
  install_missing
  build
  private_runtime_dir
  # Tests always draw with Mesa llvmpipe under Xvfb so reference images match everywhere.
  export LIBGL_ALWAYS_SOFTWARE=1 QT_QPA_PLATFORM=xcb
  CITYTWIN_FORCE_XVFB=1 with_display \
    ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$(nproc)" --timeout 600
}

cmd_bench() {
  install_missing
  build
  private_runtime_dir
  export LIBGL_ALWAYS_SOFTWARE=1
  for b in "$BUILD_DIR"/tests/bench/bench_*; do
    [ -x "$b" ] || continue
    log "running $(basename "$b")"
    CITYTWIN_FORCE_XVFB=1 with_display "$b" "$@"
  done
}

case "${1:-}" in
  demo)  shift; cmd_demo "$@" ;;
  test)  shift; cmd_test "$@" ;;
  build) shift; install_missing; build ;;
  bench) shift; cmd_bench "$@" ;;
  *) echo "usage: $0 demo|test|build|bench" >&2; exit 2 ;;
esac
