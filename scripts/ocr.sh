#!/usr/bin/env bash
# Debian's Tesseract with its Dutch data, and poppler-utils, for reading scanned PDFs (ingest/ocr.py).
# Without them a scanned PDF is refused with a message naming the missing package; everything else works.
set -u
if command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx nld; then exit 0; fi
if [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-nld poppler-utils) \
    >/dev/null 2>&1 || echo "tesseract-ocr / tesseract-ocr-nld could not be installed: scanned PDFs will be refused and the OCR test skipped" >&2
else
  echo "not root: install tesseract-ocr and tesseract-ocr-nld (apt-get) to read scanned PDFs; until then they are refused" >&2
fi
exit 0
