"""Ingest speed: a full ingest vs the raw embedder on the same texts, and a re-ingest of an unchanged corpus.

Run from the repository root:  .venv/bin/python benchmarks/ingest_bench.py [--runs 3] [--json]

What is measured (all times are medians of --runs runs; the two sides of each comparison are measured in the
same run, alternating which goes first):
- full ingest: ``ingest.pipeline.ingest`` of a copy of corpus/ into a fresh, empty index (model already loaded);
- raw embedder: ``embedder.encode`` on exactly the texts the pipeline embedded, in the same batches. The texts are
  recorded from a real (untimed) ingest through a recording embedder, so no pipeline logic is duplicated here;
- overhead: (ingest - raw) / raw, i.e. everything the pipeline does besides embedding (loading, chunking, Chroma);
  the same run also times ``embed_prepared`` inside the ingest, so "rest" (ingest minus embed_prepared) is a
  within-run figure for the non-embedding work that is not swamped by load noise on the embedder;
- re-ingest of the unchanged corpus: in-process, and as a fresh ``pmg ingest`` process; process start
  (``pmg --help``) is printed separately. A re-ingest that embeds anything is reported as an anomaly, with the
  stored content hashes before and after, and kept out of the median.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

OVERHEAD_GOAL_PCT = 30.0
REINGEST_GOAL_S = 2.0


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def med(xs: list[float]) -> float:
    return statistics.median(xs)


def embedded_batches(corpus: Path, settings) -> list[list[str]]:
    """The exact batches of texts the pipeline embeds for ``corpus`` (its own ``embedding_texts``, batched alike)."""
    from ingest.manifest import Manifest
    from ingest.pipeline import discover, embedding_texts, prepare, slug

    files, _ = discover([corpus])
    manifest = Manifest.for_paths([corpus])
    docs = [prepare(f, f.read_bytes(), manifest.entry(f), slug(f.stem), settings) for f in files]
    texts = embedding_texts(docs)
    size = settings.embed_batch_size
    return [texts[i : i + size] for i in range(0, len(texts), size)]


def time_fresh_ingest(corpus: Path, settings) -> tuple[float, float, object]:
    """Seconds for a full ingest into an empty index, and the seconds of it spent embedding."""
    from ingest.pipeline import ingest

    timings: dict[str, float] = {}
    report = ingest([corpus], settings, timings=timings)
    return timings["total_s"], timings["embed_s"], report


def time_raw_embed(embedder, batches: list[list[str]]) -> float:
    t0 = time.perf_counter()
    for batch in batches:
        embedder.encode(batch)
    return time.perf_counter() - t0


def time_process(cmd: list[str], env: dict, cwd: Path) -> tuple[float, subprocess.CompletedProcess]:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, check=False)
    return time.perf_counter() - t0, proc


def run(runs: int, corpus_src: Path) -> dict:
    from assistant.embedding import make_embedder
    from assistant.settings import Settings
    from assistant.store import Store
    from ingest.pipeline import ingest

    tmp = Path(tempfile.mkdtemp(prefix="pmg-ingest-bench-"))
    try:
        corpus = tmp / "corpus"
        shutil.copytree(corpus_src, corpus)

        def settings_for(name: str) -> Settings:
            return Settings(index_dir=tmp / name, corpus_dir=corpus, chroma_url=None)

        base = settings_for("scratch")
        t0 = time.perf_counter()
        embedder = make_embedder(base.embedder)
        embedder.encode(["opwarmen"])
        model_load_s = time.perf_counter() - t0
        log(f"model {embedder.model_name} loaded in {model_load_s:.2f} s; recording the texts the pipeline embeds")

        scratch_report = ingest([corpus], base)  # warms imports, Chroma and the model
        batches = embedded_batches(corpus, base)
        if scratch_report.errors:
            raise SystemExit(f"ingest reported errors: {[e.error for e in scratch_report.errors]}")
        n_texts = sum(len(b) for b in batches)
        n_chunks = scratch_report.chunks
        documents = scratch_report.documents

        ingest_s, embed_in_ingest_s, raw_s, last = [], [], [], None
        for i in range(runs):
            settings = settings_for(f"fresh-{i}")
            order = ("ingest", "raw") if i % 2 == 0 else ("raw", "ingest")
            for what in order:
                if what == "ingest":
                    total, inner, report = time_fresh_ingest(corpus, settings)
                    if report.embedded != n_chunks or report.chunks != n_chunks:
                        raise SystemExit(f"run {i}: embedded {report.embedded} chunks, expected {n_chunks}")
                    ingest_s.append(total)
                    embed_in_ingest_s.append(inner)
                    last = settings
                else:
                    raw_s.append(time_raw_embed(embedder, batches))
            log(f"run {i + 1}/{runs}: ingest {ingest_s[-1]:.2f} s, raw embedder {raw_s[-1]:.2f} s")

        def stored_hashes() -> dict[str, str]:
            return {d.id: d.content_hash for d in Store(last, embedder.model_name, embedder.dim).documents()}

        # A re-ingest of the unchanged corpus should embed nothing. When one does, its time is kept out of the
        # median and the run is reported (with the stored content hashes before and after) as an anomaly.
        anomalies: list[dict] = []
        reingest_s = []
        for i in range(runs):
            before = stored_hashes()
            t0 = time.perf_counter()
            report = ingest([corpus], last)
            secs = time.perf_counter() - t0
            if report.embedded or report.unchanged != documents:
                anomalies.append({"where": "in-process", "run": i + 1, "seconds": secs,
                                  "report": report.model_dump(), "hashes_before": before, "hashes_after": stored_hashes()})
            else:
                reingest_s.append(secs)

        pmg = Path(sys.executable).parent / "pmg"
        env = {k: v for k, v in os.environ.items() if not k.startswith("PMG_")}
        env["PMG_INDEX_DIR"] = str(last.index_dir)
        help_s, proc_s = [], []
        for i in range(runs):  # alternate so that a burst of load hits both sides
            for what in (("help", "ingest") if i % 2 == 0 else ("ingest", "help")):
                if what == "help":
                    secs, proc = time_process([str(pmg), "--help"], env, tmp)
                    help_s.append(secs)
                    if proc.returncode != 0:
                        raise SystemExit(f"pmg --help failed ({proc.returncode}): {proc.stderr.strip()}")
                else:
                    before = stored_hashes()
                    secs, proc = time_process([str(pmg), "ingest", "--json", str(corpus)], env, tmp)
                    if proc.returncode != 0:
                        raise SystemExit(f"pmg ingest failed ({proc.returncode}): {proc.stderr.strip()}")
                    rep = json.loads(proc.stdout)
                    if rep["embedded"] or rep["unchanged"] != documents:
                        anomalies.append({"where": "pmg ingest process", "run": i + 1, "seconds": secs, "report": rep,
                                          "hashes_before": before, "hashes_after": stored_hashes(),
                                          "stderr": proc.stderr.strip()[-2000:]})
                    else:
                        proc_s.append(secs)

        paired_overhead = [(a - b) / b * 100 for a, b in zip(ingest_s, raw_s, strict=True)]
        outside_embed = [a - b for a, b in zip(ingest_s, embed_in_ingest_s, strict=True)]
        m_ingest, m_raw = med(ingest_s), med(raw_s)
        return {
            "runs": runs,
            "embedder": embedder.model_name,
            "batch_size": base.embed_batch_size,
            "documents": documents,
            "chunks": n_chunks,
            "sentences": n_texts - n_chunks,
            "texts_embedded": n_texts,
            "model_load_s": model_load_s,
            "ingest_s": {"median": m_ingest, "runs": ingest_s},
            "ingest_embed_prepared_s": {"median": med(embed_in_ingest_s), "runs": embed_in_ingest_s},
            "ingest_outside_embed_prepared_s": {"median": med(outside_embed), "runs": outside_embed},
            "raw_embed_s": {"median": m_raw, "runs": raw_s},
            "pipeline_chunks_per_s": n_chunks / m_ingest,
            "pipeline_texts_per_s": n_texts / m_ingest,
            "raw_chunks_per_s": n_chunks / m_raw,
            "raw_texts_per_s": n_texts / m_raw,
            "overhead_pct": (m_ingest - m_raw) / m_raw * 100,
            "overhead_pct_paired_median": med(paired_overhead),
            "overhead_goal_pct": OVERHEAD_GOAL_PCT,
            "reingest_inprocess_s": {"median": med(reingest_s) if reingest_s else None, "runs": reingest_s},
            "reingest_process_s": {"median": med(proc_s) if proc_s else None, "runs": proc_s},
            "process_start_s": {"median": med(help_s), "runs": help_s},
            "reingest_process_minus_start_s": med(proc_s) - med(help_s) if proc_s else None,
            "reingest_anomalies": anomalies,
            "reingest_goal_s": REINGEST_GOAL_S,
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def table(r: dict) -> str:
    def runs(key: str) -> str:
        return ", ".join(f"{x:.2f}" for x in r[key]["runs"])

    def secs(x: float | None) -> str:
        return f"{x:>10.2f}" if x is not None else f"{'n/a':>10}"

    def ok(good: bool) -> str:
        return "ok" if good else "OVER GOAL"

    lines = [
        (f"ingest benchmark: {r['documents']} document(s), embedder {r['embedder']}, batch {r['batch_size']}, "
        f"median of {r['runs']} runs"),
        (f"  texts embedded   {r['texts_embedded']:>8}   ({r['chunks']} chunks with section prefix + "
        f"{r['sentences']} sentences)"),
        f"  chunks           {r['chunks']:>8}",
        f"  model load       {r['model_load_s']:>8.2f} s  (once per process; not in the figures below)",
        "",
        f"  {'':<28}{'median s':>10}{'chunks/s':>10}{'texts/s':>10}   runs (s)",
        (f"  {'full ingest (pipeline)':<28}{r['ingest_s']['median']:>10.2f}{r['pipeline_chunks_per_s']:>10.1f}"
        f"{r['pipeline_texts_per_s']:>10.1f}   {runs('ingest_s')}"),
        (f"  {'  of which embed_prepared':<28}{r['ingest_embed_prepared_s']['median']:>10.2f}{'':>20}   "
        f"{runs('ingest_embed_prepared_s')}"),
        (f"  {'  rest (load, chunk, Chroma)':<28}{r['ingest_outside_embed_prepared_s']['median']:>10.2f}{'':>20}   "
        f"{runs('ingest_outside_embed_prepared_s')}"),
        (f"  {'raw embedder, same texts':<28}{r['raw_embed_s']['median']:>10.2f}{r['raw_chunks_per_s']:>10.1f}"
        f"{r['raw_texts_per_s']:>10.1f}   {runs('raw_embed_s')}"),
        (f"  pipeline overhead over raw embedder: {r['overhead_pct']:.1f} % of medians, "
        f"{r['overhead_pct_paired_median']:.1f} % median of paired runs "
        f"(goal < {r['overhead_goal_pct']:.0f} %: {ok(r['overhead_pct'] < r['overhead_goal_pct'])})"),
        "",
        f"  re-ingest, unchanged corpus{'':<9}{'median s':>10}   runs (s)",
        f"  {'in-process':<36}{secs(r['reingest_inprocess_s']['median'])}   {runs('reingest_inprocess_s')}",
        f"  {'fresh `pmg ingest` process':<36}{secs(r['reingest_process_s']['median'])}   {runs('reingest_process_s')}",
        f"  {'process start (`pmg --help`)':<36}{secs(r['process_start_s']['median'])}   {runs('process_start_s')}",
        (f"  {'fresh process minus start':<36}{secs(r['reingest_process_minus_start_s'])}   (goal < "
        f"{r['reingest_goal_s']:.0f} s: {ok((r['reingest_process_minus_start_s'] or 1e9) < r['reingest_goal_s'])})"),
    ]
    for a in r["reingest_anomalies"]:
        rep = a["report"]
        lines.append(f"  ANOMALY: {a['where']} re-ingest {a['run']} of the unchanged corpus was not a no-op "
                     f"({a['seconds']:.2f} s, not in the median): {rep['added']} added, {rep['updated']} updated, "
                     f"{rep['unchanged']} unchanged, {rep['embedded']} chunks embedded; stored hashes before "
                     f"{ {k: v[:12] for k, v in a['hashes_before'].items()} }, after "
                     f"{ {k: v[:12] for k, v in a['hashes_after'].items()} }")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (medians are printed)")
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus", help="folder to ingest (copied first)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    result = run(args.runs, args.corpus)
    print(json.dumps(result, indent=2) if args.json else table(result))


if __name__ == "__main__":
    main()
