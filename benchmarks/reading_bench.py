"""Reading speed of ingest before embedding: load + metadata per file, with and without PDF table extraction.

Run from the repository root:  .venv/bin/python benchmarks/reading_bench.py [FOLDER ...] [--runs 5]

Default folders: corpus/ and, when present, eval/devcorpus/documents/. Per file: load_document (pypdf, pdfplumber on pages
that draw rules, OCR of pages without text) and metadata.describe (dateparser on candidate lines, lingua). Times
are medians of --runs runs, the two table settings alternating; the first, cold run (dateparser's locale data,
lingua's models, Tesseract's start) is printed on its own and kept out of the medians.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingest import dates, metadata, tables  # noqa: E402
from ingest.loaders import SUPPORTED_SUFFIXES, load_document  # noqa: E402


def read(path: Path, with_tables: bool) -> dict[str, float]:
    real = tables.find_tables
    if not with_tables:
        tables.find_tables = lambda data, reader: {}
    try:
        t0 = time.perf_counter()
        doc = load_document(path, 10**9)
        t1 = time.perf_counter()
        blocks = metadata.blocks_of(doc.pages)
        head = [b.removeprefix("# ") for b in blocks[: dates.HEAD_BLOCKS]]
        dates.find_date(head, metadata.colophon(blocks))
        dates.find_peildatum("\n".join(blocks))
        t2 = time.perf_counter()
        metadata.describe(doc.pages, doc.title, doc.date)
        t3 = time.perf_counter()
    finally:
        tables.find_tables = real
    return {"load": t1 - t0, "dates": t2 - t1, "describe": t3 - t2, "ocr_pages": sum(p.ocr for p in doc.pages)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folders = args.folders or [p for p in (ROOT / "corpus", ROOT / "eval" / "devcorpus" / "documents") if p.is_dir()]
    files = sorted(f for d in folders for f in d.iterdir()
                   if f.suffix.lower() in SUPPORTED_SUFFIXES and f.name.lower() != "readme.md")
    cold = time.perf_counter()
    read(files[0], True)
    print(f"cold start (first file, {files[0].name}): {time.perf_counter() - cold:.2f} s")
    runs: dict[bool, list[dict[str, dict[str, float]]]] = {True: [], False: []}
    for n in range(args.runs):
        for setting in ((True, False) if n % 2 == 0 else (False, True)):
            runs[setting].append({f.name: read(f, setting) for f in files})
    print(f"{len(files)} files, median of {args.runs} runs (s)")
    print(f"{'file':58} {'load+tables':>11} {'load only':>9} {'dates':>7} {'describe':>8}")
    totals = {True: 0.0, False: 0.0}
    for f in files:
        on = statistics.median(r[f.name]["load"] for r in runs[True])
        off = statistics.median(r[f.name]["load"] for r in runs[False])
        dated = statistics.median(r[f.name]["dates"] for r in runs[True])
        described = statistics.median(r[f.name]["describe"] for r in runs[True])
        totals[True] += on
        totals[False] += off
        ocr = runs[True][0][f.name]["ocr_pages"]
        print(f"{f.name[:58]:58} {on:11.3f} {off:9.3f} {dated:7.4f} {described:8.4f}" + (f"  ({ocr} OCR pages)" if ocr else ""))
    print(f"{'all files':58} {totals[True]:11.3f} {totals[False]:9.3f}")


if __name__ == "__main__":
    main()
