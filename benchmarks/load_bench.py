"""Load benchmark: concurrent clients asking questions against the real server (`pmg serve`).

Starts `pmg serve` on a free loopback port over an index (built from corpus/ in a temporary folder unless
`--index DIR` is given), then runs `--clients` threads (default 20) for `--seconds` (default 30), each posting
questions of the eval set to `POST /v1/chat/completions` in turn. Prints requests/s, median and p95 latency,
and errors (goal: 0 errors, p95 under 1 s). Only loopback traffic; every loop is bounded in time.

    .venv/bin/python benchmarks/load_bench.py [--clients 20] [--seconds 30] [--index DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def questions() -> list[str]:
    lines = (ROOT / "eval" / "sets" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["question"] for line in lines if line.strip() and not json.loads(line).get("history")]


def start_server(index: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "PMG_INDEX_DIR": str(index), "PMG_CORPUS_DIR": str(ROOT / "corpus"),
           "GRADIO_ANALYTICS_ENABLED": "False"}
    env.pop("PMG_CHROMA_URL", None)
    pmg = Path(sys.executable).with_name("pmg")
    proc = subprocess.Popen([str(pmg), "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).json().get("status") == "ok":
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    proc.terminate()
    raise SystemExit("pmg serve did not become ready in 120 s")


def client(base: str, qs: list[str], offset: int, until: float, out: list, errors: list) -> None:
    with httpx.Client(base_url=base, timeout=30) as http:
        i = offset
        while time.monotonic() < until:
            body = {"model": "pmg-assistant", "messages": [{"role": "user", "content": qs[i % len(qs)]}]}
            t = time.perf_counter()
            try:
                r = http.post("/v1/chat/completions", json=body)
                ok = r.status_code == 200 and r.json()["choices"][0]["message"]["content"]
            except (httpx.HTTPError, ValueError, KeyError) as exc:
                ok, r = False, exc
            (out if ok else errors).append((time.perf_counter() - t) if ok else repr(r)[:200])
            i += 1


def run(clients: int, seconds: float, index: Path) -> dict:
    port = free_port()
    proc = start_server(index, port)
    base = f"http://127.0.0.1:{port}"
    try:
        qs = questions()
        httpx.post(f"{base}/v1/chat/completions", timeout=60,
                   json={"model": "pmg-assistant", "messages": [{"role": "user", "content": qs[0]}]})  # warm
        latencies: list[float] = []
        errors: list[str] = []
        until = time.monotonic() + seconds
        threads = [threading.Thread(target=client, args=(base, qs, k * 7, until, latencies, errors))
                   for k in range(clients)]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=seconds + 60)
        elapsed = time.perf_counter() - t0
    finally:
        proc.terminate()
        proc.wait(timeout=15)
    ms = sorted(x * 1000 for x in latencies)
    return {
        "clients": clients, "seconds": round(elapsed, 1), "requests": len(ms), "errors": len(errors),
        "requests_per_s": round(len(ms) / elapsed, 1),
        "median_ms": round(statistics.median(ms), 1) if ms else None,
        "p95_ms": round(ms[int(0.95 * (len(ms) - 1))], 1) if ms else None,
        "first_errors": errors[:3],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--index", type=Path, help="an index folder to reuse (built from corpus/ if missing)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    tmp = None
    index = args.index
    if index is None or not index.exists():
        from assistant.settings import Settings
        from ingest.pipeline import ingest

        if index is None:
            tmp = Path(tempfile.mkdtemp(prefix="pmg-load-"))
            index = tmp / "index"
        print("building the index of corpus/ ...", file=sys.stderr)
        ingest([ROOT / "corpus"], Settings(index_dir=index, corpus_dir=ROOT / "corpus", chroma_url=None))
    try:
        result = run(args.clients, args.seconds, index)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        print(json.dumps(result))
        return
    print(f"load: {result['clients']} concurrent clients for {result['seconds']} s against pmg serve "
          f"(POST /v1/chat/completions, eval questions)")
    print(f"  requests {result['requests']}, errors {result['errors']}, {result['requests_per_s']} requests/s")
    print(f"  latency median {result['median_ms']} ms, p95 {result['p95_ms']} ms "
          f"(goal: 0 errors, p95 < 1000 ms: {'ok' if not result['errors'] and (result['p95_ms'] or 1e9) < 1000 else 'NOT MET'})")
    for e in result["first_errors"]:
        print(f"  error: {e}")


if __name__ == "__main__":
    main()
