# The two commands of README.md: `make chat` and `make test`.
export GRADIO_ANALYTICS_ENABLED = False
export HF_HUB_OFFLINE = 1

.PHONY: setup chat test eval
setup:
	./scripts/setup.sh
	./scripts/ocr.sh

chat: setup
	.venv/bin/pmg ingest
	.venv/bin/pmg serve

test: setup
	./scripts/browser.sh
	.venv/bin/pytest -q

eval: setup
	.venv/bin/pmg ingest
	.venv/bin/pmg eval --report eval/reports/latest.md
