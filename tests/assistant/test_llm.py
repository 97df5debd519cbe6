"""Tests of the optional LLM path (assistant/llm.py).

No LLM runs on this machine, so every LLM here is a SCRIPTED STAND-IN: either a llama-index ``CustomLLM``
returning canned text, or a tiny real HTTP server (FastAPI + uvicorn on 127.0.0.1) that speaks the OpenAI
chat-completions protocol and returns canned completions. They check the plumbing and the grounding check,
not the quality of any model. The last test talks to a real server and only runs when PMG_TEST_LLM_URL and
PMG_TEST_LLM_MODEL are set.
"""

from __future__ import annotations

import asyncio
import os
import socket
import threading
import time
from typing import Any

import pytest
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from llama_index.core.base.llms.types import CompletionResponse, CompletionResponseGen, LLMMetadata
from llama_index.core.bridge.pydantic import Field
from llama_index.core.llms.callbacks import llm_completion_callback
from llama_index.core.llms.custom import CustomLLM

from assistant.errors import UserError
from assistant.llm import answer_with_llm, check_grounding, condense_question, make_llm
from assistant.settings import Settings
from assistant.types import Answer, Citation, Message

REPORT = "Rapportage Preventie met Gezag"
SOURCE = "rapportage-preventie-met-gezag-2024.txt"

# Real sentences of /work/shared/corpus/rapportage-preventie-met-gezag-2024.txt
AJB = (
    "Voor jongeren van 12 tot en met 18 jaar is de door het NJI erkende, wetenschappelijk effectief bewezen "
    "gedragsinterventie Alleen Jij bepaalt Wie je Bent (AJB) beschikbaar. Met Preventie met Gezag zijn nu "
    "verdeeld over scholen in zes gemeenten 576 jongeren extra aangemeld voor deze interventie."
)
ALLES_KIDZZZ = (
    "Voor kinderen onder de 12 jaar wordt onder meer de sociaal cognitieve gedragsinterventie Alles Kidzzz "
    "ingezet. In twee gemeenten verdeeld over 14 scholen zijn 25 kinderen voor Alles Kidzzz aangemeld."
)
TILBURG = (
    "Meerdere gemeenten zetten daarom extra in op vormen van een integrale familieaanpak. In Tilburg zijn "
    "25 gezinnen in zo'n aanpak betrokken, waarvan er nog 14 in intensieve begeleiding zitten."
)
PROSPECT = (
    "Het Arnhemse Prospect 4 Cash, waarin wordt samengewerkt met jongerenwerk en werkgevers, zet daar stevig "
    "op in. Deze interventie helpt jongeren tussen de 16 en 21 jaar bij het krijgen van een baan, stage of "
    "opleiding."
)
HALT = (
    "In Nieuwegein versterkt Halt de ondersteuning en signalering op twee scholen met het Halt-spreekuur, "
    "waar 33 leerlingen naar zijn doorverwezen na een grensoverschrijdend incident."
)
GEMEENTEN = "Inmiddels doen 27 gemeenten mee met de structurele aanpak."

QUESTION = "Hoeveel jongeren zijn met Preventie met Gezag extra aangemeld voor AJB?"
LONG_TIMEOUT = 5.0


def cite(n: int, quote: str, section: str | None = None, page: int | None = None) -> Citation:
    return Citation(
        n=n,
        document=REPORT,
        document_id="rapportage-pmg-2024",
        kind="voortgangsrapportage",
        date="2024",
        source=SOURCE,
        page=page,
        section=section,
        quote=quote,
        chunk_id=f"rapportage-pmg-2024#{n}",
        score=1.0 / n,
    )


@pytest.fixture
def passages() -> list[Citation]:
    return [
        cite(1, AJB, section="Gedragsinterventies", page=7),
        cite(2, ALLES_KIDZZZ, section="Gedragsinterventies", page=7),
        cite(3, TILBURG, section="Familieaanpak", page=9),
        cite(4, PROSPECT, section="Werk", page=6),
        cite(5, HALT, section="Onderwijs", page=5),
    ]


@pytest.fixture
def extractive(passages: list[Citation]) -> Answer:
    """What the extractive (no-LLM) path would have answered."""
    return Answer(
        question=QUESTION,
        answer="Met Preventie met Gezag zijn nu verdeeld over scholen in zes gemeenten 576 jongeren extra "
        "aangemeld voor deze interventie. [1]",
        answered=True,
        citations=[passages[0]],
        timings_ms={"retrieve": 12.5, "total": 14.0},
        query=QUESTION,
    )


# --------------------------------------------------------------------------------------------------
# scripted stand-in LLMs (llama-index CustomLLM with canned replies)
# --------------------------------------------------------------------------------------------------


class ScriptedStandInLLM(CustomLLM):
    """A scripted stand-in for an LLM: returns ``reply`` after ``delay_s`` seconds and records its prompts."""

    reply: str = ""
    delay_s: float = 0.0
    fail_with: str | None = None
    prompts: list[str] = Field(default_factory=list)

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(context_window=8192, num_output=256, model_name="scripted-stand-in")

    @llm_completion_callback()
    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        self.prompts.append(prompt)
        if self.delay_s:
            time.sleep(self.delay_s)
        if self.fail_with:
            raise ConnectionError(self.fail_with)
        return CompletionResponse(text=self.reply)

    @llm_completion_callback()
    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponseGen:
        yield self.complete(prompt, formatted=formatted, **kwargs)


def correct_stand_in() -> ScriptedStandInLLM:
    return ScriptedStandInLLM(reply="576 jongeren [1].")


def inventing_stand_in() -> ScriptedStandInLLM:
    return ScriptedStandInLLM(reply="600 jongeren [1].")


def wrong_citation_stand_in() -> ScriptedStandInLLM:
    return ScriptedStandInLLM(reply="576 jongeren [7].")


def slow_stand_in() -> ScriptedStandInLLM:
    return ScriptedStandInLLM(reply="576 jongeren [1].", delay_s=2.0)


def municipality_stand_in() -> ScriptedStandInLLM:
    # Tilburg is in passage 3, but the answer cites only passage 1.
    return ScriptedStandInLLM(reply="In Tilburg zijn 576 jongeren extra aangemeld voor AJB [1].")


# --------------------------------------------------------------------------------------------------
# answer_with_llm with the stand-ins
# --------------------------------------------------------------------------------------------------


def test_correct_answer_is_shown_with_its_citation(passages, extractive):
    llm = correct_stand_in()
    result = answer_with_llm(llm, QUESTION, [], extractive, passages, LONG_TIMEOUT)

    assert result.mode == "llm"
    assert result.answered is True
    assert result.note is None
    assert result.answer == "576 jongeren [1]."
    assert [(c.n, c.chunk_id, c.quote) for c in result.citations] == [(1, "rapportage-pmg-2024#1", AJB)]
    assert result.timings_ms["retrieve"] == 12.5 and result.timings_ms["llm"] >= 0
    assert result.question == QUESTION and result.query == QUESTION

    # the prompt: instructions, the numbered passages with document/page/section, then the question
    (prompt,) = llm.prompts
    assert "ONLY the numbered passages" in prompt
    assert "language of the question" in prompt
    assert f"[1] {REPORT} (2024), page 7, section \"Gedragsinterventies\"\n{AJB}" in prompt
    assert f"[5] {REPORT}" in prompt and HALT in prompt
    assert prompt.rindex(QUESTION) > prompt.index(HALT)


def test_invented_figure_never_reaches_the_user(passages, extractive):
    result = answer_with_llm(inventing_stand_in(), QUESTION, [], extractive, passages, LONG_TIMEOUT)

    assert result.mode == "extractive"
    assert result.answered is True
    assert "600" not in result.answer
    assert result.answer == extractive.answer and result.citations == extractive.citations
    assert "grounding check" in result.note
    assert "the figure 600 is not in any cited passage" in result.note
    assert "extractive answer is shown" in result.note


def test_citing_a_passage_that_does_not_exist_falls_back(passages, extractive):
    result = answer_with_llm(wrong_citation_stand_in(), QUESTION, [], extractive, passages, LONG_TIMEOUT)

    assert result.mode == "extractive"
    assert result.answer == extractive.answer
    assert "[7]" in result.note and "no passage 7" in result.note


def test_slow_llm_times_out_and_falls_back(passages, extractive):
    t0 = time.perf_counter()
    result = answer_with_llm(slow_stand_in(), QUESTION, [], extractive, passages, timeout_s=0.3)
    elapsed = time.perf_counter() - t0

    assert elapsed < 1.5, "the hard timeout guard must not wait for the slow LLM"
    assert result.mode == "extractive"
    assert result.answer == extractive.answer
    assert "language model failed" in result.note and "(no answer within 0.3 s)" in result.note
    assert "llm" in result.timings_ms


def test_municipality_not_in_the_cited_passage_falls_back(passages, extractive):
    result = answer_with_llm(municipality_stand_in(), QUESTION, [], extractive, passages, LONG_TIMEOUT)

    assert result.mode == "extractive"
    assert "Tilburg" not in result.answer
    assert "'Tilburg'" in result.note and "not in any cited passage" in result.note


def test_unreachable_llm_falls_back_with_reason(passages, extractive):
    llm = ScriptedStandInLLM(fail_with="Connection refused")
    result = answer_with_llm(llm, QUESTION, [], extractive, passages, LONG_TIMEOUT)

    assert result.mode == "extractive"
    assert "ConnectionError" in result.note and "Connection refused" in result.note


def test_citations_are_renumbered_in_text_and_objects(passages, extractive):
    llm = ScriptedStandInLLM(
        reply="In Tilburg zijn 25 gezinnen bij een familieaanpak betrokken [3]. In Nieuwegein zijn "
        "33 leerlingen naar het Halt-spreekuur doorverwezen [5]; 14 gezinnen krijgen intensieve begeleiding [3]."
    )
    result = answer_with_llm(llm, "Welke gemeenten doen wat?", [], extractive, passages, LONG_TIMEOUT)

    assert result.mode == "llm", result.note
    assert result.answer == (
        "In Tilburg zijn 25 gezinnen bij een familieaanpak betrokken [1]. In Nieuwegein zijn "
        "33 leerlingen naar het Halt-spreekuur doorverwezen [2]; 14 gezinnen krijgen intensieve begeleiding [1]."
    )
    assert [(c.n, c.quote) for c in result.citations] == [(1, TILBURG), (2, HALT)]
    # the caller's passages are not modified
    assert [p.n for p in passages] == [1, 2, 3, 4, 5]


def test_grouped_markers_are_renumbered(passages, extractive):
    llm = ScriptedStandInLLM(reply="Er zijn 576 jongeren voor AJB en 25 kinderen voor Alles Kidzzz aangemeld [2, 1].")
    result = answer_with_llm(llm, QUESTION, [], extractive, passages, LONG_TIMEOUT)

    assert result.mode == "llm", result.note
    assert result.answer.endswith("[1, 2].")
    assert [(c.n, c.quote) for c in result.citations] == [(1, ALLES_KIDZZZ), (2, AJB)]


def test_refusal_is_decided_by_the_evidence_not_the_llm(passages):
    refusal = Answer(
        question="Wat kost een fiets in Tilburg?",
        answer="De documenten zeggen hier niets over.",
        answered=False,
        related=passages[:2],
    )
    llm = correct_stand_in()
    result = answer_with_llm(llm, refusal.question, [], refusal, passages, LONG_TIMEOUT)

    assert result is refusal
    assert llm.prompts == [], "the LLM must not be called when retrieval found no support"


def test_no_llm_configured_returns_extractive(passages, extractive):
    assert answer_with_llm(None, QUESTION, [], extractive, passages, LONG_TIMEOUT) is extractive


def test_history_is_passed_to_the_llm(passages, extractive):
    llm = correct_stand_in()
    history = [
        Message(role="user", content="Wat is AJB?"),
        Message(role="assistant", content="Alleen Jij bepaalt Wie je Bent [1]."),
    ]
    result = answer_with_llm(llm, "En hoeveel jongeren doen mee?", history, extractive, passages, LONG_TIMEOUT)

    assert result.mode == "llm"
    (prompt,) = llm.prompts
    assert prompt.index("Wat is AJB?") < prompt.index("En hoeveel jongeren doen mee?")


# --------------------------------------------------------------------------------------------------
# check_grounding
# --------------------------------------------------------------------------------------------------


def test_a_question_that_asks_two_things_gives_the_llm_the_passages_of_both_parts(corpus_index):
    """The assistant answers each part extractively, then hands the LLM the passages retrieved for both parts."""
    from assistant.service import Assistant

    assistant = Assistant(corpus_index)
    stand_in = ScriptedStandInLLM(reply="Dat staat in de rapportage [1].")
    assistant.__dict__["llm"] = stand_in  # the configured LLM, here a scripted stand-in
    # the first part alone retrieves no passage about the teachers (checked: not among its six chunks)
    answer = assistant.ask("Hoeveel jongeren zijn extra aangemeld voor AJB, en hoeveel docenten zijn er getraind?")
    assert answer.mode == "llm", answer.note
    prompt = stand_in.prompts[-1]
    assert "576 jongeren" in prompt and "109 docenten" in prompt


def test_grounding_accepts_number_formats_and_multiword_names():
    gemeenten = cite(1, "In totaal gaat het om 28 741 jongeren en 1.200 ouders; 2,5 procent stopte.")
    prospect = cite(2, PROSPECT)
    ok = "Prospect 4 Cash helpt jongeren van 16 tot 21 jaar [2]; het gaat om 28741 jongeren, 1,200 ouders en 2.5% [1]."
    assert check_grounding(ok, [gemeenten, prospect]) == []
    assert check_grounding("Het gaat om 1200 ouders [1].", [gemeenten]) == []
    assert check_grounding("Het gaat om 28.741 jongeren [1].", [gemeenten]) == []
    assert check_grounding("Het gaat om 25 procent [1].", [gemeenten]) == [
        "the figure 25 is not in any cited passage"
    ]


def test_grounding_problems():
    ajb = cite(1, AJB)
    assert check_grounding("Er zijn 576 jongeren aangemeld.", [ajb]) == [
        "the answer cites no passage (no [n] marker)"
    ]
    # a figure must be in a CITED passage, not merely in a retrieved one
    assert check_grounding("Er zijn 27 gemeenten [1].", [ajb, cite(2, GEMEENTEN)]) == [
        "the figure 27 is not in any cited passage"
    ]
    assert check_grounding("Er zijn 27 gemeenten [2].", [ajb, cite(2, GEMEENTEN)]) == []
    problems = check_grounding("Volgens de gemeente Den Bosch en Rotterdam zijn 576 jongeren aangemeld [1].", [ajb])
    assert problems == [
        "the name 'Den Bosch' is not in any cited passage or the question",
        "the name 'Rotterdam' is not in any cited passage or the question",
    ]


def test_grounding_names_from_the_question_and_sentence_starts():
    ajb = cite(1, AJB)
    # "Rotterdam" comes from the question: allowed. Function words starting a sentence are not names.
    text = "Het rapport noemt Rotterdam niet. De 576 jongeren zijn aangemeld voor AJB [1]. Volgens het NJI is het erkend [1]."
    assert check_grounding(text, [ajb], question="Doet Rotterdam mee met AJB?") == []
    assert check_grounding(text, [ajb]) == ["the name 'Rotterdam' is not in any cited passage or the question"]
    # an English answer: sentence-initial number words and the pronoun I are not names
    assert check_grounding("Six municipalities registered 576 young people for AJB [1]. I note that [1].", [ajb]) == []
    # consecutive missing words are one name
    assert check_grounding("Ook Prospect 4 Cash bereikt 576 jongeren [1].", [ajb]) == [
        "the figure 4 is not in any cited passage",
        "the name 'Prospect 4 Cash' is not in any cited passage or the question",
    ]
    # the AJB's / AJB-traject forms are the name AJB
    assert check_grounding("Het AJB-traject en AJB's aanpak bereiken 576 jongeren [1].", [ajb]) == []


# --------------------------------------------------------------------------------------------------
# condense_question
# --------------------------------------------------------------------------------------------------

HISTORY = [
    Message(role="user", content="Hoeveel jongeren zijn aangemeld voor AJB?"),
    Message(role="assistant", content="576 jongeren [1]."),
]


def test_condense_question_uses_the_llama_index_condense_prompt():
    llm = ScriptedStandInLLM(reply="  Hoeveel kinderen zijn aangemeld voor Alles Kidzzz?\n")
    out = condense_question(llm, HISTORY, "En voor Alles Kidzzz?", LONG_TIMEOUT)

    assert out == "Hoeveel kinderen zijn aangemeld voor Alles Kidzzz?"
    (prompt,) = llm.prompts
    assert "rewrite the message to be a standalone question" in prompt
    assert "<Chat History>\nuser: Hoeveel jongeren zijn aangemeld voor AJB?\nassistant: 576 jongeren [1]." in prompt
    assert "<Follow Up Message>\nEn voor Alles Kidzzz?" in prompt


def test_condense_question_returns_the_question_on_failure_or_without_history():
    q = "En voor Alles Kidzzz?"
    llm = ScriptedStandInLLM(reply="iets")
    assert condense_question(llm, [], q, LONG_TIMEOUT) == q and llm.prompts == []
    assert condense_question(None, HISTORY, q, LONG_TIMEOUT) == q
    assert condense_question(ScriptedStandInLLM(fail_with="boom"), HISTORY, q, LONG_TIMEOUT) == q
    assert condense_question(ScriptedStandInLLM(reply="   "), HISTORY, q, LONG_TIMEOUT) == q
    t0 = time.perf_counter()
    assert condense_question(ScriptedStandInLLM(reply="x?", delay_s=2.0), HISTORY, q, 0.2) == q
    assert time.perf_counter() - t0 < 1.5


# --------------------------------------------------------------------------------------------------
# make_llm
# --------------------------------------------------------------------------------------------------


def settings(**kw: Any) -> Settings:
    base = dict(llm="none", llm_base_url=None, llm_model=None, llm_api_key=None, llm_timeout_s=30.0)
    return Settings(_env_file=None, **{**base, **kw})


def test_make_llm_none():
    assert make_llm(settings()) is None


@pytest.mark.parametrize(
    "kw, setting",
    [
        (dict(llm="openai", llm_base_url="http://127.0.0.1:8080/v1"), "PMG_LLM_MODEL"),
        (dict(llm="openai", llm_model="qwen2.5"), "PMG_LLM_BASE_URL"),
        (dict(llm="ollama", llm_base_url="http://127.0.0.1:11434"), "PMG_LLM_MODEL"),
    ],
)
def test_make_llm_missing_settings_name_the_setting(kw, setting):
    with pytest.raises(UserError, match=setting):
        make_llm(settings(**kw))


def test_make_llm_openai_compatible():
    from llama_index.llms.openai_like import OpenAILike

    llm = make_llm(settings(llm="openai", llm_base_url="http://127.0.0.1:8080", llm_model="qwen2.5", llm_timeout_s=7))
    assert isinstance(llm, OpenAILike)
    assert llm.model == "qwen2.5"
    assert llm.api_base == "http://127.0.0.1:8080/v1"  # bare host:port gets /v1
    assert llm.api_key == "none"
    assert llm.timeout == 7 and llm.max_retries == 0 and llm.is_chat_model is True

    llm = make_llm(
        settings(llm="openai", llm_base_url="https://llm.example/api/v1/", llm_model="m", llm_api_key="sk-test")
    )
    assert llm.api_base == "https://llm.example/api/v1" and llm.api_key == "sk-test"


def test_make_llm_ollama():
    from llama_index.llms.ollama import Ollama

    llm = make_llm(settings(llm="ollama", llm_base_url="http://127.0.0.1:11434/", llm_model="llama3.2", llm_timeout_s=9))
    assert isinstance(llm, Ollama)
    assert llm.model == "llama3.2" and llm.base_url == "http://127.0.0.1:11434" and llm.request_timeout == 9


# --------------------------------------------------------------------------------------------------
# the OpenAI-compatible path over real HTTP, against a scripted stand-in server
# --------------------------------------------------------------------------------------------------

#: model name -> (reply, delay in seconds) of the stand-in server
STAND_IN_SCRIPTS = {
    "stand-in-correct": ("576 jongeren [1].", 0.0),
    "stand-in-invents": ("600 jongeren [1].", 0.0),
    "stand-in-slow": ("576 jongeren [1].", 3.0),
}


class StandInOpenAIServer:
    """A scripted stand-in OpenAI-compatible server: POST /v1/chat/completions returns a canned completion
    chosen by the request's model name. Real HTTP on a free 127.0.0.1 port, served by uvicorn in a thread."""

    def __init__(self) -> None:
        import uvicorn

        self.requests: list[dict[str, Any]] = []
        app = FastAPI()

        @app.post("/v1/chat/completions")
        async def chat_completions(request: Request) -> JSONResponse:
            body = await request.json()
            self.requests.append(body)
            reply, delay = STAND_IN_SCRIPTS[body["model"]]
            deadline = time.monotonic() + delay
            while time.monotonic() < deadline:  # slow, but stop as soon as the client gives up
                if await request.is_disconnected():
                    break
                await asyncio.sleep(0.05)
            return JSONResponse(
                {
                    "id": "chatcmpl-stand-in",
                    "object": "chat.completion",
                    "created": 1700000000,
                    "model": body["model"],
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": reply},
                            "finish_reason": "stop",
                        }
                    ],
                    "usage": {"prompt_tokens": 100, "completion_tokens": 5, "total_tokens": 105},
                }
            )

        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        config = uvicorn.Config(app, log_level="warning", lifespan="off", timeout_graceful_shutdown=2)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> StandInOpenAIServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("stand-in server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=5)
        self.sock.close()


@pytest.fixture(scope="module")
def stand_in_server():
    with StandInOpenAIServer() as server:
        yield server


def http_llm(server: StandInOpenAIServer, model: str, timeout_s: float = LONG_TIMEOUT):
    return make_llm(settings(llm="openai", llm_base_url=server.url, llm_model=model, llm_timeout_s=timeout_s))


def test_http_correct_answer(stand_in_server, passages, extractive):
    llm = http_llm(stand_in_server, "stand-in-correct")
    result = answer_with_llm(llm, QUESTION, [], extractive, passages, LONG_TIMEOUT)

    assert result.mode == "llm", result.note
    assert result.answer == "576 jongeren [1]."
    assert [c.quote for c in result.citations] == [AJB]
    body = stand_in_server.requests[-1]
    assert body["model"] == "stand-in-correct"
    roles = [m["role"] for m in body["messages"]]
    assert roles == ["system", "user"]
    assert AJB in body["messages"][1]["content"] and QUESTION in body["messages"][1]["content"]


def test_http_invented_figure_falls_back(stand_in_server, passages, extractive):
    llm = http_llm(stand_in_server, "stand-in-invents")
    result = answer_with_llm(llm, QUESTION, [], extractive, passages, LONG_TIMEOUT)

    assert result.mode == "extractive"
    assert "600" not in result.answer
    assert "the figure 600 is not in any cited passage" in result.note


def test_http_slow_server_times_out(stand_in_server, passages, extractive):
    llm = http_llm(stand_in_server, "stand-in-slow", timeout_s=0.5)
    t0 = time.perf_counter()
    result = answer_with_llm(llm, QUESTION, [], extractive, passages, timeout_s=0.5)
    elapsed = time.perf_counter() - t0

    assert elapsed < 2.0
    assert result.mode == "extractive"
    assert result.answer == extractive.answer
    assert "language model failed" in result.note and "0.5 s" in result.note


def test_http_unreachable_server_falls_back(passages, extractive):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    llm = make_llm(settings(llm="openai", llm_base_url=f"http://127.0.0.1:{port}", llm_model="m", llm_timeout_s=2))
    result = answer_with_llm(llm, QUESTION, [], extractive, passages, timeout_s=2)

    assert result.mode == "extractive"
    assert "language model failed" in result.note


# --------------------------------------------------------------------------------------------------
# a real LLM server (only when configured)
# --------------------------------------------------------------------------------------------------


@pytest.mark.llm
@pytest.mark.skipif(
    not (os.environ.get("PMG_TEST_LLM_URL") and os.environ.get("PMG_TEST_LLM_MODEL")),
    reason="set PMG_TEST_LLM_URL and PMG_TEST_LLM_MODEL (and PMG_TEST_LLM_KIND=openai|ollama) to test a real LLM",
)
def test_real_llm_answers_grounded_or_falls_back(passages, extractive):
    timeout = float(os.environ.get("PMG_TEST_LLM_TIMEOUT", "120"))
    llm = make_llm(
        settings(
            llm=os.environ.get("PMG_TEST_LLM_KIND", "openai"),
            llm_base_url=os.environ["PMG_TEST_LLM_URL"],
            llm_model=os.environ["PMG_TEST_LLM_MODEL"],
            llm_api_key=os.environ.get("PMG_TEST_LLM_KEY"),
            llm_timeout_s=timeout,
        )
    )
    result = answer_with_llm(llm, QUESTION, [], extractive, passages, timeout)

    assert result.answered is True
    if result.mode == "llm":
        assert result.note is None
        assert check_grounding(result.answer, result.citations, question=QUESTION) == []
        assert result.citations and all(c.n == i for i, c in enumerate(result.citations, start=1))
    else:
        assert result.note, "a fallback must say why"
        assert result.answer == extractive.answer
