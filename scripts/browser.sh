#!/usr/bin/env bash
# Debian's Chromium and its driver, for the one test that drives a real browser. Skipped when not root.
set -u
if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then exit 0; fi
if [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver) >/dev/null 2>&1 \
    || echo "chromium could not be installed: the browser test will be skipped" >&2
else
  echo "not root: install chromium and chromium-driver to run the browser test" >&2
fi
exit 0
