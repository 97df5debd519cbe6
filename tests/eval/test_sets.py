"""The eval sets in eval/sets/: found by name, loaded, their `doc` fields, and the table of eval/sets/README.md."""

import json
import re

import pytest

from assistant.errors import UserError
from eval.runner import DEFAULT_SET, DEVCORPUS_DOCUMENTS, REPORT_DOC, SETS_DIR, case_doc, load_cases, resolve_set


def test_a_set_is_found_by_name_or_path(tmp_path):
    assert resolve_set(None) == DEFAULT_SET == SETS_DIR / "questions.jsonl"
    assert resolve_set("devcorpus") == SETS_DIR / "devcorpus.jsonl"
    assert resolve_set("heldout-3") == resolve_set("heldout-3.jsonl") == SETS_DIR / "heldout-3.jsonl"
    assert resolve_set("eval/sets/heldout-3.jsonl").name == "heldout-3.jsonl"  # a path stays a path
    own = tmp_path / "mine.jsonl"
    own.write_text('{"id": "a", "question": "Hoeveel?"}\n', encoding="utf-8")
    assert resolve_set(str(own)) == own
    with pytest.raises(UserError, match="No question set 'heldout-99'.*known: devcorpus"):
        resolve_set("heldout-99")


def test_every_set_loads_and_only_devcorpus_names_documents():
    sets = sorted(SETS_DIR.glob("*.jsonl"))
    assert {p.stem for p in sets} >= {"questions", "heldout", "heldout-12", "devcorpus"}
    for path in sets:
        cases = load_cases(path)
        if path.stem == "devcorpus":
            assert len(cases) == 226
            assert all(c.doc and (DEVCORPUS_DOCUMENTS / c.doc).is_file() for c in cases)
        else:
            assert all(c.doc is None and case_doc(c) == REPORT_DOC for c in cases), path


def test_a_set_where_some_cases_name_a_document_needs_it_on_every_case(tmp_path):
    path = tmp_path / "half.jsonl"
    rows = [{"id": "a", "question": "Hoeveel?", "doc": "x.pdf"}, {"id": "b", "question": "Wanneer?"}]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    with pytest.raises(UserError, match="1 cases name no document .*b"):
        load_cases(path)


def test_the_devcorpus_folder_holds_only_documents_beside_its_scripts():
    suffixes = {p.suffix for p in DEVCORPUS_DOCUMENTS.iterdir()}
    assert suffixes <= {".pdf", ".html", ".docx", ".txt"} and len(list(DEVCORPUS_DOCUMENTS.iterdir())) == 14


def test_the_sets_readme_lists_every_set_with_its_count():
    table = (SETS_DIR / "README.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^\| `([^`]+\.jsonl)` \| (\d+) \|", table, flags=re.M))
    actual = {p.name: str(len(load_cases(p))) for p in SETS_DIR.glob("*.jsonl")}
    assert listed == actual
    statuses = dict(re.findall(r"^\| `([^`]+\.jsonl)` \|[^|]*\|[^|]*\| ([^|]+) \|$", table, flags=re.M))
    assert statuses["heldout-12.jsonl"] == "held out" and statuses["questions.jsonl"] == "main"
    assert {statuses[f"heldout-{n}.jsonl"] for n in range(2, 12)} | {statuses["heldout.jsonl"]} == {"regression"}
