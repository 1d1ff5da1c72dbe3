#!/usr/bin/env bash
# Before the tests: what only the system can provide (Debian's Chromium, CJK fonts for
# the browser tests, the redis-server binary the scale-out tests start). Missing pieces
# are installed with apt-get when we are root or have passwordless sudo; otherwise the
# run stops at once with the one command to run. PostgreSQL comes from npm instead.
set -euo pipefail

has_cjk_font() {
  fc-list :lang=zh family 2>/dev/null | grep -q . ||
    find /usr/share/fonts /usr/local/share/fonts -iname '*cjk*' -print -quit 2>/dev/null | grep -q .
}

missing_packages() {
  [ -x /usr/bin/chromium ] || echo chromium
  has_cjk_font || echo fonts-noto-cjk
  command -v redis-server >/dev/null 2>&1 || echo redis-server
}

mapfile -t missing < <(missing_packages)
[ ${#missing[@]} -eq 0 ] && exit 0

install="apt-get install -y ${missing[*]}"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "The tests need ${missing[*]} (Debian's package names), and this system has no apt-get: install them, then run the tests again." >&2
  exit 1
elif [ "$(id -u)" -eq 0 ]; then
  apt=(env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600)
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  apt=(sudo -n env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600)
else
  echo "The tests need system packages that are missing: ${missing[*]}. Run this, then the tests again:" >&2
  echo "  sudo apt-get update && sudo $install" >&2
  exit 1
fi

echo "Installing what the tests need from the system: ${missing[*]}"
"${apt[@]}" update -qq
"${apt[@]}" install -y -qq "${missing[@]}" >/dev/null

mapfile -t still < <(missing_packages)
if [ ${#still[@]} -gt 0 ]; then
  echo "apt-get ran, but ${still[*]} is still missing; run: $install" >&2
  exit 1
fi
