"""The ingest pipeline as a user notices it: `pmg ingest --json`, incremental re-runs, bad files, repair of a
killed run, embedder mismatch, missing index, document metadata, and chunking of the real report.

Indexes here are small and function-scoped, built from SHORT text fixtures (a few chunks each), with the real
default embedder (e5). The chunking tests read the real report (corpus/) and a PDF generated from its text by
tests/pdf_fixtures.report_as_pdf; they embed nothing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest

from assistant.embedding import make_embedder
from assistant.store import Store
from ingest.chunking import chunk_pages
from ingest.loaders import MB, load_document
from ingest.pipeline import ingest
from tests.conftest import make_settings
from tests.pdf_fixtures import (
    make_corrupt_pdf,
    make_encrypted_pdf,
    make_scanned_pdf,
    report_as_pdf,
    report_text_path,
)

REPORT_KEYS = {"documents", "chunks", "added", "updated", "removed", "unchanged", "embedded", "errors", "warnings",
               "duplicates"}

# Short fixtures; their sentences are taken from the real report.
AJB_MD = """# Alleen Jij bepaalt Wie je Bent

Voor jongeren van 12 tot en met 18 jaar is de gedragsinterventie Alleen Jij bepaalt Wie je Bent (AJB) beschikbaar.

- AJB-deelnemers komen twee keer minder vaak in contact met de politie.
- Met Preventie met Gezag zijn 576 jongeren extra aangemeld voor deze interventie.
"""
WERK_TXT = """Werk en inkomen

In totaal hebben 251 deelnemers een baan gekregen via de interventies.
"""
WERK_TXT_EDITED = """Werk en inkomen

In totaal hebben 251 deelnemers een baan gekregen via de interventies. Het Arnhemse Prospect 4 Cash werkt samen met jongerenwerk en werkgevers.

Onderwijs

In totaal doen in drie gemeenten nu 431 jongeren mee aan de aanpak van schoolverzuim.
"""
MANIFEST = {
    "documents": [
        {"file": "factsheet-ajb.md", "title": "Factsheet AJB", "kind": "factsheet", "date": "2024-03-01"},
        {"file": "notitie-werk.txt", "title": "Notitie werk en inkomen", "kind": "notitie", "date": "2023"},
    ]
}


def write_fixture_folder(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "factsheet-ajb.md").write_text(AJB_MD, encoding="utf-8")
    (folder / "notitie-werk.txt").write_text(WERK_TXT, encoding="utf-8")
    (folder / "manifest.json").write_text(json.dumps(MANIFEST), encoding="utf-8")
    return folder


def open_store(settings) -> Store:
    e5 = make_embedder("e5")
    return Store(settings, e5.model_name, e5.dim)


def assert_consistent(settings) -> Store:
    """Chroma holds exactly the chunks the document records announce: no duplicates, no orphans, no stale
    sentences."""
    store = open_store(settings)
    docs = store.documents()
    rows = list(store.scan_chunks())
    ids = [i for i, _, _ in rows]
    assert len(ids) == len(set(ids))
    assert store.count() == sum(d.chunks for d in docs) == len(ids)
    assert set(ids) == {f"{d.id}:{n:04d}" for d in docs for n in range(d.chunks)}
    assert {m["doc_id"] for _, _, m in rows} <= {d.id for d in docs}
    spans = sum(len(json.loads(m["spans"])) for _, _, m in rows)
    assert store.sentence_vectors.count() == len(ids)  # one record of sentence vectors per chunk, none stale
    sentences = store.sentences_of(store.get_chunks(ids))
    assert len(sentences) == spans and all(s.vector.shape == (store_dim(store),) for s in sentences)
    return store


def store_dim(store: Store) -> int:
    return store.chunks.metadata["dim"]


def test_an_index_of_an_older_format_asks_for_a_rebuild(tmp_path, run_pmg):
    corpus = write_fixture_folder(tmp_path / "docs")
    settings = make_settings(tmp_path / "index", corpus)
    ingest([corpus], settings)
    store = open_store(settings)
    meta = dict(store.chunks.metadata)
    meta.pop("format")  # as an index written before sentence vectors moved out of their own collection
    store.chunks.modify(metadata=meta)
    out = run_pmg("ask", "Hoeveel jongeren zijn extra aangemeld voor AJB?", env={
        "PMG_INDEX_DIR": str(settings.index_dir), "PMG_CORPUS_DIR": str(corpus)})
    assert out.returncode == 1 and "Traceback" not in out.stderr + out.stdout
    assert len(out.stderr.strip().splitlines()) == 1, out.stderr
    assert "older version" in out.stderr and "pmg ingest --rebuild" in out.stderr, out.stderr
    report = ingest([corpus], settings, rebuild=True)
    assert report.added >= 1 and not report.errors
    assert_consistent(settings)


def run_ingest_json(run_pmg, settings, *paths, prefix=None, **env) -> tuple[int, dict, str]:
    result = run_pmg("ingest", "--json", *paths, prefix=prefix,
                     env={"PMG_INDEX_DIR": settings.index_dir, "PMG_CORPUS_DIR": settings.corpus_dir, **env})
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1, f"expected exactly one JSON line, got:\n{result.stdout}\n{result.stderr}"
    report = json.loads(lines[0])
    assert set(report) == REPORT_KEYS
    assert "Traceback" not in result.stderr
    return result.returncode, report, result.stderr


# --- `pmg ingest --json`: incremental runs ---------------------------------------------------------------


def test_ingest_json_is_incremental(tmp_path, run_pmg):
    settings = make_settings(tmp_path / "index", write_fixture_folder(tmp_path / "docs"))

    code, first, _ = run_ingest_json(run_pmg, settings)
    assert code == 0
    assert first["errors"] == []
    assert (first["documents"], first["added"], first["updated"], first["removed"]) == (2, 2, 0, 0)
    assert first["embedded"] == first["chunks"] > 0
    store = assert_consistent(settings)
    werk_before = store.document("notitie-werk").chunks

    code, second, _ = run_ingest_json(run_pmg, settings)
    assert code == 0
    assert second == {**first, "added": 0, "unchanged": 2, "embedded": 0}
    assert_consistent(settings)

    (settings.corpus_dir / "notitie-werk.txt").write_text(WERK_TXT_EDITED, encoding="utf-8")
    code, third, _ = run_ingest_json(run_pmg, settings)
    assert code == 0
    store = assert_consistent(settings)
    werk_after = store.document("notitie-werk").chunks
    assert werk_after > werk_before  # the edit added a section
    assert (third["updated"], third["unchanged"], third["added"], third["removed"]) == (1, 1, 0, 0)
    assert third["embedded"] == werk_after
    assert third["chunks"] == first["chunks"] - werk_before + werk_after
    texts = " ".join(c.text for c in store.get_chunks([f"notitie-werk:{n:04d}" for n in range(werk_after)]).values())
    assert "431 jongeren" in texts

    (settings.corpus_dir / "notitie-werk.txt").unlink()
    code, fourth, _ = run_ingest_json(run_pmg, settings)
    assert code == 0
    assert (fourth["removed"], fourth["documents"], fourth["embedded"], fourth["unchanged"]) == (1, 1, 0, 1)
    assert fourth["chunks"] == third["chunks"] - werk_after
    store = assert_consistent(settings)
    assert [d.id for d in store.documents()] == ["factsheet-ajb"]


def test_a_new_way_of_splitting_ingests_unchanged_files_again(tmp_path, monkeypatch):
    """Chunks and sentences made by an older splitter are not kept: the chunking version is part of the file's
    hash, so the next ingest redoes them (and an ingest after that skips them again)."""
    from ingest import chunking

    settings = make_settings(tmp_path / "index", write_fixture_folder(tmp_path / "docs"))
    assert ingest([settings.corpus_dir], settings).added == 2
    monkeypatch.setattr(chunking, "VERSION", chunking.VERSION + 1)
    again = ingest([settings.corpus_dir], settings)
    assert (again.updated, again.unchanged) == (2, 0)
    assert ingest([settings.corpus_dir], settings).unchanged == 2


def test_a_footnote_mark_ends_a_sentence(report_pages):
    """Punkt does not split "... van 2025.¹ Deze rapportage ...": the sentence after a footnote mark is its own."""
    sentences = [c.text[s.start:s.end] for c in chunk_pages("r", report_pages["txt"], 1200) for s in c.sentences]
    marked = [i for i, text in enumerate(sentences) if text.endswith("2025.¹")]
    assert marked, "the sentence with the footnote mark"
    assert sentences[marked[0] + 1].startswith("Deze rapportage is gebaseerd op informatie")


def test_a_date_line_is_a_sentence_of_its_own(report_pages):
    """The colophon's "Juni 2024" has no full stop, but the heading-like "Contact?" after it does not continue it."""
    sentences = [c.text[s.start:s.end] for c in chunk_pages("r", report_pages["txt"], 1200) for s in c.sentences]
    assert "Juni 2024" in sentences and "Contact?" in sentences


# --- bad files in the same run as good ones ----------------------------------------------------------


def unreadable_prefix() -> tuple[list[str] | None, str | None]:
    """How to make chmod 000 really block reading. Root ignores file modes (CAP_DAC_OVERRIDE), so as root the
    ingest runs under `setpriv` with the DAC-override capabilities dropped: still uid 0, but bound by modes."""
    if os.geteuid() != 0:
        return [], None
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None, "running as root without setpriv: chmod 000 does not block root from reading"
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"], None


def test_bad_files_are_each_named_and_good_files_still_indexed(tmp_path, run_pmg):
    docs = write_fixture_folder(tmp_path / "docs")
    (docs / "leeg.txt").write_bytes(b"")
    make_corrupt_pdf(docs / "afgebroken.pdf")
    make_encrypted_pdf(docs / "beveiligd.pdf", user_password="geheim")
    make_scanned_pdf(docs / "scan.pdf")
    (docs / "binair.txt").write_bytes(bytes(range(256)) * 8)
    (docs / "groot.txt").write_text("Een zin over jongeren in de wijk.\n" * 3000, encoding="utf-8")  # ~100 KB
    (docs / "notulen.docx").write_bytes(b"PK\x03\x04 not really a docx")
    limit_mb = 0.05  # above the generated PDFs (~12 KB), below groot.txt
    assert max(p.stat().st_size for p in docs.glob("*.pdf")) < limit_mb * MB < (docs / "groot.txt").stat().st_size

    prefix, no_unreadable = unreadable_prefix()
    if prefix is not None:
        (docs / "geheim.txt").write_text("Vertrouwelijk.\n", encoding="utf-8")
        (docs / "geheim.txt").chmod(0)

    settings = make_settings(tmp_path / "index", docs)
    try:
        code, report, stderr = run_ingest_json(run_pmg, settings, prefix=prefix, PMG_MAX_FILE_MB=limit_mb)
    finally:
        if (docs / "geheim.txt").exists():
            (docs / "geheim.txt").chmod(0o644)

    assert code == 1
    errors = {Path(e["path"]).name: e["error"] for e in report["errors"]}
    expected = {
        "leeg.txt": "the file is empty",
        "afgebroken.pdf": "not a readable PDF",
        "beveiligd.pdf": "password-protected",
        "scan.pdf": "no text layer",
        "binair.txt": "binary data",
        "groot.txt": "over the limit of 0.05 MB",
        "notulen.docx": "not a readable Word file",
    }
    if prefix is not None:
        expected["geheim.txt"] = "cannot read the file (permission denied)"
    assert set(errors) == set(expected), report["errors"]
    for name, message in expected.items():
        assert errors[name].startswith(f"{name}: "), errors[name]
        assert message.lower() in errors[name].lower(), errors[name]
        assert "\n" not in errors[name]
    assert (report["documents"], report["added"]) == (2, 2)
    store = assert_consistent(settings)
    assert [d.id for d in store.documents()] == ["factsheet-ajb", "notitie-werk"]
    if no_unreadable:
        pytest.skip(f"all other bad files checked; the unreadable-file case was not: {no_unreadable}")


def test_dangling_symlink_in_a_folder_is_reported(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "notitie-werk.txt").write_text(WERK_TXT, encoding="utf-8")
    (docs / "verdwenen.txt").symlink_to(tmp_path / "elders" / "verdwenen.txt")
    report = ingest([docs], make_settings(tmp_path / "index", docs))
    assert report.documents == 1
    assert [Path(e.path).name for e in report.errors] == ["verdwenen.txt"]
    assert report.errors[0].error.startswith("verdwenen.txt: cannot read the file")


# --- a killed ingest is repaired ------------------------------------------------------------------------


def test_killed_ingest_is_repaired(tmp_path):
    settings = make_settings(tmp_path / "index", write_fixture_folder(tmp_path / "docs"))
    first = ingest([settings.corpus_dir], settings)
    assert not first.errors

    # A run killed after writing chunks but before the document record (the commit marker): once for a file
    # still there (its record is lost), once for a file deleted since (chunks nobody will rewrite).
    store = open_store(settings)
    ajb = store.document("factsheet-ajb")
    store.docs.delete(ids=["factsheet-ajb"])
    ghost = ajb.model_copy(update={"id": "weg", "source": "weg.txt", "path": str(tmp_path / "weg.txt")})
    chunks = [c.model_copy(update={"id": f"weg:{c.index:04d}"}) for c in _chunks_of(store, "factsheet-ajb")]
    n_sent = sum(len(c.sentences) for c in chunks)
    rng = np.random.default_rng(0)
    store.replace_document(ghost, chunks, rng.normal(size=(len(chunks), 384)), rng.normal(size=(n_sent, 384)))
    store.docs.delete(ids=["weg"])
    assert store.count() > sum(d.chunks for d in store.documents())  # the half-written state

    second = ingest([settings.corpus_dir], settings)
    assert not second.errors
    assert (second.documents, second.chunks) == (first.documents, first.chunks)
    assert second.added == 1 and second.embedded == ajb.chunks  # the record-less document was ingested again
    store = assert_consistent(settings)
    assert [d.id for d in store.documents()] == ["factsheet-ajb", "notitie-werk"]
    assert not any(i.startswith("weg:") for i, _, _ in store.scan_chunks())


def _chunks_of(store: Store, doc_id: str):
    from assistant.types import Chunk, SentenceSpan

    got = store.get_chunks([i for i, _, m in store.scan_chunks() if m["doc_id"] == doc_id])
    return [Chunk(id=c.id, index=int(c.id.rsplit(":", 1)[1]), text=c.text, section=c.section,
                  sentences=[SentenceSpan(start=s, end=e, page=p) for s, e, p in c.spans])
            for c in sorted(got.values(), key=lambda c: c.id)]


# --- asking the wrong index -------------------------------------------------------------------------


def test_ask_with_another_embedder_than_the_index_fails_clearly(tmp_path, run_pmg):
    settings = make_settings(tmp_path / "index", write_fixture_folder(tmp_path / "docs"))
    assert not ingest([settings.corpus_dir], settings).errors

    result = run_pmg("ask", "Hoeveel jongeren zijn extra aangemeld voor AJB?",
                     env={"PMG_INDEX_DIR": settings.index_dir, "PMG_EMBEDDER": "use"})
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "multilingual-e5" in lines[0] and "use" in lines[0].lower(), lines[0]
    # the index is untouched: the right embedder still reads it
    assert open_store(settings).count() > 0


def test_ask_without_an_index_says_to_run_ingest(tmp_path, run_pmg):
    missing = tmp_path / "no-index-here"
    result = run_pmg("ask", "Hoeveel jongeren zijn extra aangemeld voor AJB?", env={"PMG_INDEX_DIR": missing})
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert re.search(r"No index yet .*run `pmg ingest`", lines[0]), lines[0]
    assert not missing.exists()  # asking creates no empty index


# --- document metadata -----------------------------------------------------------------------------------


def test_manifest_metadata_and_guesses_for_unlisted_files(tmp_path):
    docs = write_fixture_folder(tmp_path / "docs")
    (docs / "factsheet-straatcoaches.md").write_text(
        "# Straatcoaches in de wijk\n\nSamen zetten de gemeenten 13 (fte) straatcoaches in.\n", encoding="utf-8")
    (docs / "kamerbrief_jeugdcriminaliteit.txt").write_text(
        "Inmiddels doen 27 gemeenten mee met de structurele aanpak.\n", encoding="utf-8")
    (docs / "losse-aantekeningen.txt").write_text(
        "Lerende netwerken\n\nBinnen lerende netwerken komen partners bij elkaar.\n", encoding="utf-8")
    stamp = datetime(2023, 5, 4, 12, 0).timestamp()
    for name in ("factsheet-straatcoaches.md", "kamerbrief_jeugdcriminaliteit.txt", "losse-aantekeningen.txt"):
        os.utime(docs / name, (stamp, stamp))
    settings = make_settings(tmp_path / "index", docs)
    report = ingest([docs], settings)
    assert not report.errors and report.documents == 5

    from assistant.service import Assistant

    found = {d.source: d for d in Assistant(settings).documents()}
    ajb = found["factsheet-ajb.md"]
    assert (ajb.title, ajb.kind, ajb.date, ajb.year) == ("Factsheet AJB", "factsheet", "2024-03-01", 2024)
    werk = found["notitie-werk.txt"]
    assert (werk.title, werk.kind, werk.date, werk.year) == ("Notitie werk en inkomen", "notitie", "2023", 2023)

    coaches = found["factsheet-straatcoaches.md"]  # title from its first heading, kind from its name
    assert (coaches.title, coaches.kind, coaches.date) == ("Straatcoaches in de wijk", "factsheet", "2023-05-04")
    brief = found["kamerbrief_jeugdcriminaliteit.txt"]  # no heading: title from the file name
    assert brief.title.lower() == "kamerbrief jeugdcriminaliteit"
    assert (brief.kind, brief.date, brief.year) == ("kamerbrief", "2023-05-04", 2023)
    notes = found["losse-aantekeningen.txt"]
    assert (notes.title, notes.kind, notes.date) == ("Lerende netwerken", "onbekend", "2023-05-04")
    assert all(d.chunks >= 1 for d in found.values())


# --- chunking of the real report ---------------------------------------------------------------------------

# The headings of the real report, in order, as a reader sees them (corpus/rapportage-preventie-met-gezag-2024.txt).
REPORT_HEADINGS = [
    "Rapportage Preventie met Gezag", "AANPAK GEORGANISEERDE, ONDERMIJNENDE JEUGDCRIMINALITEIT",
    "Preventie met Gezag", "Lerende aanpak", "Lerende netwerken", "Onderscheid in vijf thema's", "Onderwijs",
    "Aandacht voor online domein", "Werk en inkomen", "Persoonlijke en psychologische ontwikkeling",
    "De juiste hulp op verschillende niveaus", "1. Positieve ondersteuning",
    "2. Intensieve begeleiding op meerdere leefgebieden", "3. Specialistische aanpak", "Sociale netwerk",
    "Samenwerking tussen zorg en veiligheid", "Criminaliteit en re-integratie", "Re-integratie", "Praktijkverhaal",
    "Colofon",
]


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def report_source() -> str:
    path = report_text_path()
    assert path is not None
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def report_pages(tmp_path_factory):
    """The real report as loaded from its .txt, and from a PDF generated from that text (report_as_pdf)."""
    pdf = report_as_pdf(tmp_path_factory.mktemp("report") / "rapportage-preventie-met-gezag-2024.pdf")
    return {"txt": load_document(report_text_path(), 50 * MB).pages, "pdf": load_document(pdf, 50 * MB).pages}


def heading_positions(source: str) -> list[tuple[int, str]]:
    positions, pos = [], 0
    for heading in REPORT_HEADINGS:
        match = re.compile(rf"^{re.escape(heading)}$", re.M).search(source, pos)
        assert match, heading
        positions.append((match.start(), heading))
        pos = match.end()
    return positions


@pytest.mark.parametrize("form", ["txt", "pdf"])
@pytest.mark.parametrize("limit", [1200, 500])
def test_real_report_chunks_follow_its_structure(report_source, report_pages, form, limit):
    chunks = chunk_pages("r", report_pages[form], limit)
    headings = heading_positions(squash_lines(report_source))

    # sections are the report's headings, and each chunk sits under the heading that precedes it in the source
    assert {"Onderwijs", "Werk en inkomen", "Persoonlijke en psychologische ontwikkeling", "Sociale netwerk",
            "Samenwerking tussen zorg en veiligheid", "Criminaliteit en re-integratie", "Colofon"} <= {
        c.section for c in chunks}
    flat = squash_lines(report_source)
    pos = 0
    for chunk in chunks:
        first = chunk.text[chunk.sentences[0].start : chunk.sentences[0].end]
        at = squash(flat).find(squash(first), pos)
        assert at >= 0, f"chunk {chunk.id} does not start with report text: {first[:80]!r}"
        pos = at
        expected = [h for start, h in squash_headings(flat, headings) if start <= at][-1]
        assert chunk.section == expected, (chunk.id, first[:60])

    for chunk in chunks:
        # no chunk over the limit, unless it is one sentence that is longer on its own
        assert len(chunk.text) <= limit or len(chunk.sentences) == 1, (chunk.id, len(chunk.text))
        # every sentence span lies inside its chunk, in order, and holds text
        prev_end = 0
        for s in chunk.sentences:
            assert prev_end <= s.start < s.end <= len(chunk.text)
            piece = chunk.text[s.start : s.end]
            assert piece.strip() == piece and piece
            prev_end = s.end
        if form == "pdf":
            assert all(s.page is not None and s.page >= 1 for s in chunk.sentences)
        # and the sentences cover the chunk's text (bullet markers and whitespace aside)
        covered = np.zeros(len(chunk.text), dtype=bool)
        for s in chunk.sentences:
            covered[s.start : s.end] = True
        left = "".join(ch for ch, c in zip(chunk.text, covered, strict=True) if not c)
        assert re.fullmatch(r"[\s-]*", left), (chunk.id, left)

    # bullets are never cut mid-item: each "- " item of the source stands whole inside one chunk
    bullets = [squash(line[2:]) for line in report_source.splitlines() if line.startswith("- ")]
    assert len(bullets) >= 25
    texts = [squash(c.text) for c in chunks]
    for bullet in bullets:
        if len(bullet) + 2 > limit:
            continue
        assert any(bullet in t for t in texts), f"bullet cut: {bullet[:80]!r}"


def squash_lines(text: str) -> str:
    """The source with its lines trimmed (headings stay lines of their own)."""
    return "\n".join(line.strip() for line in text.splitlines())


def squash_headings(flat: str, headings: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Heading positions measured in the whitespace-squashed source."""
    return [(len(squash(flat[:start])), h) for start, h in headings]
