#!/usr/bin/env bash
# Set up everything the tests need on a fresh machine, then run the whole suite.
# Idempotent: a second run reuses the virtual environment and the installed browser.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian's Chromium for the HTML report tests (Playwright drives it; no browser is downloaded).
if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the report tests..."
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi

[ -x .venv/bin/python ] || python3 -m venv .venv  # reuse: a second run must not rebuild it with another python3
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip setuptools wheel
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
exec .venv/bin/python -m pytest "$@"
