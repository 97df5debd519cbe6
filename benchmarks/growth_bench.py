"""Growth: how ingest, index size, memory and question latency grow with the number of chunks.

Run from the repository root:

    .venv/bin/python benchmarks/growth_bench.py --sizes 1000,10000           # a few minutes on 2 cores
    .venv/bin/python benchmarks/growth_bench.py --sizes 1000,10000,100000    # 100k: about 20 minutes, ~5 GB disk
    options: --questions 20  --docsize 500 (synthetic chunks per fake document)  --chart docs/growth.png
             --keep DIR (keep the indexes there instead of a temporary folder)  --json (also print the raw rows)

What is built, per size N (each in its own fresh embedded index):
- the real corpus (corpus/), ingested for real with the real e5 embedder; the time spent embedding gives a
  measured rate (seconds per chunk, including that chunk's sentence vectors);
- N minus the real chunks of SYNTHETIC chunks: shuffled sentences of the real report with their numbers varied,
  cut into ~chunk_chars chunks with real sentence spans and sections, and precomputed random unit vectors for
  chunks and sentences, written straight into Chroma through ``Store.replace_document`` with fake
  ``DocumentRecord``s (``--docsize`` chunks each, i.e. in batches).
  They are NOT embedded: the embedding time for N chunks is extrapolated from the measured per-chunk rate.

What is printed, per size:
- ingest time split into embedding (measured rate x N, extrapolated) and everything else (measured: the real
  ingest's non-embedding part plus the synthetic writes into Chroma plus building and saving the keyword index,
  as an ingest does after its writes), and a re-ingest of the unchanged corpus;
- index size on disk;
- in a separate process that serves questions (load an ``Assistant``, ask the questions, like `pmg serve`):
  peak resident memory (VmHWM), load time, loading the saved keyword index, and median / p95 seconds per question
  for dense, BM25 and hybrid retrieval (query vector precomputed) and for the full answer (``Assistant.ask``);
  after the memory reading, what a process pays when no keyword index is saved for the current version stamp
  (another machine ingested): ``scan_chunks`` (every chunk pulled out of Chroma) plus the BM25 build.
Questions: the first --questions Dutch questions of eval/sets/questions.jsonl. Random vectors make the dense ranking
meaningless for the synthetic chunks, but not its cost; answers are not checked here.
The chart (matplotlib, Agg) goes to docs/growth.png.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
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

SYNTHETIC_NOTE = "synthetic chunks with random vectors; embedding time extrapolated from the measured per-chunk rate"


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def settings_for(index_dir: Path, corpus_dir: Path):
    from assistant.settings import Settings

    return Settings(index_dir=index_dir, corpus_dir=corpus_dir, embedder="e5", llm="none", chroma_url=None,
                    collection="pmg", _env_file=None)


def questions(n: int) -> list[str]:
    rows = [json.loads(line) for line in (ROOT / "eval" / "sets" / "questions.jsonl").read_text().splitlines() if line.strip()]
    qs = [r["question"] for r in rows if r.get("lang", "nl") == "nl"]
    return (qs * (n // max(len(qs), 1) + 1))[:n]


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


# --- building an index of N chunks ---------------------------------------------------------------------------


def ingest_real(corpus: Path, settings) -> dict:
    """A real ingest of corpus/ with the embedding time measured by the pipeline itself."""
    from assistant.embedding import make_embedder
    from ingest.pipeline import ingest

    make_embedder(settings.embedder).encode(["warm-up"])  # model loading is not embedding time
    timings: dict[str, float] = {}
    report = ingest([corpus], settings, timings=timings)
    spent, total = [timings["embed_s"]], timings["total_s"]
    assert not report.errors and report.chunks > 0, report
    return {"chunks": report.chunks, "embed_s": spent[0], "other_s": total - spent[0]}


def report_sentences(settings) -> tuple[list[str], list[str]]:
    """Sentences and section titles of the real report, as stored in the index."""
    from assistant.store import Store
    from assistant.embedding import make_embedder

    e = make_embedder(settings.embedder)
    store = Store(settings, e.model_name, e.dim)
    sentences, sections = [], set()
    for _, text, meta in store.scan_chunks():
        for s, end, _ in json.loads(meta.get("spans", "[]")):
            sentences.append(text[s:end])
        if meta.get("section"):
            sections.add(meta["section"])
    return sentences, sorted(sections)


def vary_numbers(text: str, rng: random.Random) -> str:
    return re.sub(r"\d+", lambda m: str(max(1, int(int(m.group()) * rng.uniform(0.3, 3.0)))) if len(m.group()) < 7
                  else m.group(), text)


def synthetic_chunks(doc_id: str, n: int, sentences: list[str], sections: list[str], chunk_chars: int,
                     rng: random.Random):
    from assistant.types import Chunk, SentenceSpan

    chunks = []
    for i in range(n):
        parts, spans, length = [], [], 0
        while length < chunk_chars * 0.8:
            s = vary_numbers(rng.choice(sentences), rng)
            start = length + (1 if parts else 0)
            spans.append(SentenceSpan(start=start, end=start + len(s), page=None))
            parts.append(s)
            length = start + len(s)
        chunks.append(Chunk(id=f"{doc_id}:{i:04d}", index=i, text=" ".join(parts), section=rng.choice(sections),
                            sentences=spans))
    return chunks


def unit_vectors(rng, n: int, dim: int):
    import numpy as np

    v = rng.standard_normal((n, dim), dtype=np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    return v


def add_synthetic(settings, n: int, docsize: int, seed: int = 7) -> dict:
    """``n`` synthetic chunks written through ``Store.replace_document``; returns the seconds spent in the store.

    Each fake record points at an (empty) placeholder file that exists: ``ingest`` removes documents whose file
    is gone, and the re-ingest measured afterwards must keep them."""
    import numpy as np

    from assistant.embedding import make_embedder
    from assistant.keyword import KeywordCache, keyword_dir
    from assistant.store import Store
    from assistant.types import DocumentRecord

    sentences, sections = report_sentences(settings)
    e = make_embedder(settings.embedder)
    store = Store(settings, e.model_name, e.dim)
    rng, nrng = random.Random(seed), np.random.default_rng(seed)
    placeholders = settings.index_dir.parent / "synthetic-files"
    placeholders.mkdir(parents=True, exist_ok=True)
    write_s, sent_total, done, d = 0.0, 0, 0, 0
    while done < n:
        size = min(docsize, n - done)
        doc_id = f"synthetic-{d:05d}"
        chunks = synthetic_chunks(doc_id, size, sentences, sections, settings.chunk_chars, rng)
        n_sent = sum(len(c.sentences) for c in chunks)
        cv, sv = unit_vectors(nrng, size, e.dim), unit_vectors(nrng, n_sent, e.dim)
        placeholder = placeholders / f"{doc_id}.txt"
        placeholder.touch()
        record = DocumentRecord(id=doc_id, title=f"Synthetic document {d}", kind="synthetic", date="2024-01-01",
                                source=f"{doc_id}.txt", path=str(placeholder),
                                content_hash=f"synthetic-{d}", chunks=size)
        t = time.perf_counter()
        store.replace_document(record, chunks, cv, sv)
        write_s += time.perf_counter() - t
        done, d, sent_total = done + size, d + 1, sent_total + n_sent
        if d % 20 == 0:
            log(f"    {done}/{n} synthetic chunks written ({write_s:.0f} s in the store)")
    t = time.perf_counter()
    KeywordCache(keyword_dir(settings)).persist(store)  # what an ingest does after its writes
    kw_save_s = time.perf_counter() - t
    return {"write_s": write_s + kw_save_s, "kw_save_s": kw_save_s, "sentences": sent_total, "docs": d}


# --- the serving process ----------------------------------------------------------------------------------------


def probe(index_dir: Path, corpus_dir: Path, n_questions: int) -> dict:
    """Runs in its own process: load an Assistant, ask the questions, report timings and peak RSS."""
    from assistant.keyword import KeywordIndex
    from assistant.service import Assistant

    out: dict = {}
    t = time.perf_counter()
    a = Assistant(settings_for(index_dir, corpus_dir))
    a.store  # noqa: B018 - opens Chroma
    out["load_s"] = time.perf_counter() - t
    qs = questions(n_questions)
    vecs = a.embedder.encode(qs, is_query=True)
    # the first keyword search of a serving process: the index saved by the ingest, memory-mapped
    t = time.perf_counter()
    assert a.keywords._load(a.store.version()) is not None, "no saved keyword index"
    a.keywords.get(a.store)
    out["kw_load_s"] = time.perf_counter() - t
    times: dict[str, list[float]] = {"dense": [], "bm25": [], "hybrid": [], "answer": []}
    parts: dict[str, list[float]] = {}
    for q, v in zip(qs, vecs, strict=True):
        for mode in ("dense", "bm25", "hybrid"):
            t = time.perf_counter()
            a.retrieve(q, mode=mode, vector=v)
            times[mode].append(time.perf_counter() - t)
        t = time.perf_counter()
        ans = a.ask(q)
        times["answer"].append(time.perf_counter() - t)
        for k, ms in ans.timings_ms.items():
            parts.setdefault(k, []).append(ms / 1e3)
    for k, xs in times.items():
        out[f"{k}_med"], out[f"{k}_p95"] = statistics.median(xs), pct(xs, 95)
    out["answer_parts_med"] = {k: statistics.median(xs) for k, xs in parts.items()}
    status = Path("/proc/self/status").read_text()
    for key in ("VmHWM", "VmRSS"):
        m = re.search(rf"{key}:\s+(\d+) kB", status)
        out[key] = int(m.group(1)) * 1024 if m else None
    if out["VmHWM"] is None:
        import resource

        out["VmHWM"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    # after the memory reading: what a process pays when nothing is saved for the current stamp (another machine
    # ingested): every chunk pulled out of Chroma, then the BM25 build
    t = time.perf_counter()
    version = a.store.version()
    rows = list(a.store.scan_chunks())
    out["scan_s"] = time.perf_counter() - t
    t = time.perf_counter()
    KeywordIndex.build(version, rows)
    out["bm25_build_s"] = time.perf_counter() - t
    return out


def run_probe(index_dir: Path, corpus_dir: Path, n_questions: int) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--probe", str(index_dir), "--corpus", str(corpus_dir),
           "--questions", str(n_questions)]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=7200)
    if done.returncode:
        raise RuntimeError(f"probe failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- one size ------------------------------------------------------------------------------------------------


def build_and_measure(n: int, base: Path, args) -> dict:
    from ingest.pipeline import ingest

    work = base / f"n{n}"
    shutil.copytree(ROOT / "corpus", work / "corpus")
    settings = settings_for(work / "index", work / "corpus")
    log(f"[{n}] real ingest of corpus/ ...")
    real = ingest_real(settings.corpus_dir, settings)
    n_syn = max(0, n - real["chunks"])
    log(f"[{n}] {real['chunks']} real chunks (embedding {real['embed_s']:.1f} s); writing {n_syn} synthetic ...")
    syn = (add_synthetic(settings, n_syn, args.docsize) if n_syn
           else {"write_s": 0.0, "kw_save_s": 0.0, "sentences": 0, "docs": 0})
    t = time.perf_counter()
    re_report = ingest([settings.corpus_dir], settings)
    reingest_s = time.perf_counter() - t
    assert re_report.embedded == 0 and re_report.removed == 0, re_report
    rate = real["embed_s"] / real["chunks"]
    chunks = real["chunks"] + n_syn
    row = {
        "size": n, "chunks": chunks, "real_chunks": real["chunks"], "synthetic_chunks": n_syn,
        "synthetic_sentences": syn["sentences"], "embed_rate_s_per_chunk": rate,
        "embed_s_est": rate * chunks, "other_s": real["other_s"] + syn["write_s"], "store_write_s": syn["write_s"],
        "kw_save_s": syn["kw_save_s"],
        "reingest_s": reingest_s, "disk_bytes": du(settings.index_dir),
    }
    log(f"[{n}] serving probe (subprocess, {args.questions} questions) ...")
    row |= run_probe(settings.index_dir, settings.corpus_dir, args.questions)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return row


# --- output --------------------------------------------------------------------------------------------------


def fmt_s(x: float) -> str:
    return f"{x * 1e3:.0f} ms" if x < 1 else f"{x:.1f} s"


def table(rows: list[dict]) -> str:
    cols = [
        ("chunks", lambda r: f"{r['chunks']:,}"),
        ("ingest: embed (est.)", lambda r: fmt_s(r["embed_s_est"])),
        ("ingest: other (meas.)", lambda r: fmt_s(r["other_s"])),
        ("re-ingest", lambda r: fmt_s(r["reingest_s"])),
        ("disk", lambda r: f"{r['disk_bytes'] / 2**20:.0f} MB"),
        ("serve RSS peak", lambda r: f"{r['VmHWM'] / 2**20:.0f} MB"),
        ("load", lambda r: fmt_s(r["load_s"])),
        ("kw: build+save (ingest)", lambda r: fmt_s(r["kw_save_s"])),
        ("kw: load (serve)", lambda r: fmt_s(r["kw_load_s"])),
        ("kw unsaved: scan+build", lambda r: fmt_s(r["scan_s"] + r["bm25_build_s"])),
        *[(f"{m} med/p95", (lambda m: lambda r: f"{fmt_s(r[m + '_med'])} / {fmt_s(r[m + '_p95'])}")(m))
          for m in ("dense", "bm25", "hybrid", "answer")],
    ]
    cells = [[name for name, _ in cols]] + [[f(r) for _, f in cols] for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(len(cols))]
    lines = ["  ".join(c.rjust(w) for c, w in zip(line, widths, strict=True)) for line in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    parts = ["", "answer breakdown (median s): " + "; ".join(
        f"{r['chunks']:,}: " + ", ".join(f"{k} {v:.3f}" for k, v in r["answer_parts_med"].items()) for r in rows)]
    return "\n".join(lines + parts)


def growth_notes(rows: list[dict]) -> list[str]:
    """Flags parts that grow faster than linearly (or per-question costs that grow at all, beyond noise)."""
    notes = []
    rows = sorted(rows, key=lambda r: r["chunks"])
    for lo, hi in zip(rows, rows[1:]):
        f = hi["chunks"] / lo["chunks"]
        for key, label, ok in [
            ("other_s", "ingest (non-embedding)", f), ("disk_bytes", "disk", f), ("scan_s", "scan_chunks", f),
            ("kw_load_s", "saved keyword index load", f),
            ("bm25_build_s", "BM25 build", f), ("dense_med", "dense per question", f ** 0.5),
            ("bm25_med", "BM25 per question", f), ("answer_med", "full answer per question", f ** 0.5),
        ]:
            g = hi[key] / max(lo[key], 1e-9)
            if g > 1.5 * ok:
                notes.append(f"{label}: x{g:.1f} for x{f:.0f} chunks ({lo['chunks']:,} -> {hi['chunks']:,})")
    return notes


def chart(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = sorted(rows, key=lambda r: r["chunks"])
    x = [r["chunks"] for r in rows]
    fig, axes = plt.subplots(2, 2, figsize=(11, 8))
    ax = axes[0][0]
    ax.plot(x, [r["embed_s_est"] for r in rows], "o--", label="embedding (extrapolated)")
    ax.plot(x, [r["other_s"] for r in rows], "o-", label="everything else (measured)")
    ax.plot(x, [r["kw_save_s"] for r in rows], "s-", label="keyword index build + save (at ingest)")
    ax.plot(x, [r["kw_load_s"] for r in rows], "^-", label="keyword index load (serving process)")
    ax.plot(x, [r["scan_s"] + r["bm25_build_s"] for r in rows], "s:", label="keyword index, unsaved: scan + build")
    ax.set_title("Ingest and index build time (s)")
    ax = axes[0][1]
    ax.plot(x, [r["disk_bytes"] / 2**20 for r in rows], "o-", label="index on disk (MB)")
    ax.plot(x, [r["VmHWM"] / 2**20 for r in rows], "o-", label="serving process peak RSS (MB)")
    ax.set_title("Size")
    ax = axes[1][0]
    for m in ("dense", "bm25", "hybrid"):
        ax.plot(x, [r[f"{m}_med"] * 1e3 for r in rows], "o-", label=f"{m} median")
        ax.plot(x, [r[f"{m}_p95"] * 1e3 for r in rows], ":", color=ax.lines[-1].get_color(), label=f"{m} p95")
    ax.set_title("Retrieval per question (ms)")
    ax = axes[1][1]
    ax.plot(x, [r["answer_med"] * 1e3 for r in rows], "o-", label="median")
    ax.plot(x, [r["answer_p95"] * 1e3 for r in rows], "o:", label="p95")
    ax.set_title("Full answer per question (ms)")
    for ax in axes.flat:
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("chunks")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
    fig.suptitle(f"Growth with the number of chunks ({SYNTHETIC_NOTE})", fontsize=9)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="1000,10000,100000")
    p.add_argument("--questions", type=int, default=20)
    p.add_argument("--docsize", type=int, default=500, help="synthetic chunks per fake document (write batch)")
    p.add_argument("--chart", type=Path, default=ROOT / "docs" / "growth.png")
    p.add_argument("--keep", type=Path, default=None, help="build the indexes here and keep them")
    p.add_argument("--json", action="store_true")
    p.add_argument("--probe", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.probe:
        print(json.dumps(probe(args.probe, args.corpus, args.questions)))
        return
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    base = args.keep or Path(tempfile.mkdtemp(prefix="pmg-growth-"))
    base.mkdir(parents=True, exist_ok=True)
    rows = []
    try:
        for n in sizes:
            rows.append(build_and_measure(n, base, args))
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    print(f"Growth benchmark ({SYNTHETIC_NOTE}).")
    print(f"Real corpus: {rows[0]['real_chunks']} chunks embedded for real at "
          f"{rows[0]['embed_rate_s_per_chunk'] * 1e3:.0f} ms per chunk (incl. its sentences); "
          f"{args.questions} questions per size, asked in a separate serving process.\n")
    print(table(rows))
    notes = growth_notes(rows)
    print("\nFaster than expected growth (limit: linear for build/disk, sqrt for per-question):")
    print("\n".join(f"- {n}" for n in notes) if notes else "- none flagged")
    chart(rows, args.chart)
    print(f"\nChart: {args.chart}")
    if args.json:
        print(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
