"""Optional LLM answers, held to the evidence.

The default answer is extractive (no LLM). When the user configures an LLM (``PMG_LLM=openai`` for any
OpenAI-compatible server, ``PMG_LLM=ollama``, or ``PMG_LLM=local`` for a GGUF file run in-process by mistralrs,
:mod:`assistant.local_llm`), :func:`answer_with_llm` asks it to rephrase the answer
from the numbered retrieved passages and then checks the text mechanically (:func:`check_grounding`).
A generated answer that cites a passage that does not exist, cites nothing, or contains a figure or a
name that none of the passages it cites contains is not shown: the extractive answer is returned with a
``note`` saying why. So is the extractive answer when the LLM fails or is slower than the timeout.

Whether to answer at all is decided by the retrieval evidence, never by the LLM: when the extractive
answer is a refusal, the LLM is not called.
"""

from __future__ import annotations

import re
import threading
import time
from typing import Any, Callable, TypeVar
from urllib.parse import urlparse

from llama_index.core.base.llms.generic_utils import messages_to_history_str
from llama_index.core.base.llms.types import ChatMessage, MessageRole
from llama_index.core.chat_engine.condense_question import DEFAULT_PROMPT as CONDENSE_PROMPT
from llama_index.core.llms.llm import LLM

from assistant.errors import LLMError, UserError
from assistant.settings import Settings
from assistant.grounding import check_grounding, cited_numbers, renumber
from assistant.types import Answer, Citation, Message

__all__ = [
    "make_llm",
    "generate_answer",
    "check_grounding",
    "answer_with_llm",
    "condense_question",
    "SYSTEM_PROMPT",
]

T = TypeVar("T")

#: How many earlier chat turns are passed to the LLM with a question (the passages carry the facts).
MAX_HISTORY_MESSAGES = 6
MAX_HISTORY_CHARS = 1500


# --------------------------------------------------------------------------------------------------
# construction
# --------------------------------------------------------------------------------------------------


def _openai_api_base(url: str) -> str:
    """OpenAI-compatible servers serve the API under ``/v1``; a bare ``http://host:port`` gets it appended."""
    url = url.strip().rstrip("/")
    if urlparse(url).path in ("", "/"):
        url += "/v1"
    return url


def make_llm(settings: Settings) -> LLM | None:
    """The LLM the settings ask for, or None for ``PMG_LLM=none`` (extractive answers only).

    Building the client does not contact the server; an unreachable server shows up as an
    :class:`LLMError` on the first call (and the answer falls back to extractive).
    Raises :class:`UserError` when a required setting is missing.
    """
    kind = settings.llm
    if kind == "none":
        return None
    if kind == "local":
        return _local_llm(settings)
    if kind not in ("openai", "ollama"):
        raise UserError(f"Unknown PMG_LLM={kind!r}: use 'none', 'openai', 'ollama' or 'local'.")
    if not settings.llm_model:
        raise UserError(f"PMG_LLM={kind} needs a model: set PMG_LLM_MODEL to the model name on the server.")
    if kind == "openai":
        if not settings.llm_base_url:
            raise UserError(
                "PMG_LLM=openai needs the server address: set PMG_LLM_BASE_URL "
                "(e.g. http://127.0.0.1:8080/v1)."
            )
        from llama_index.llms.openai_like import OpenAILike

        try:
            return OpenAILike(
                model=settings.llm_model,
                api_base=_openai_api_base(settings.llm_base_url),
                api_key=settings.llm_api_key or "none",
                is_chat_model=True,
                timeout=settings.llm_timeout_s,
                max_retries=0,
            )
        except ValueError as e:  # e.g. a model name only the Responses API serves
            raise UserError(f"PMG_LLM_MODEL={settings.llm_model!r} cannot be used: {e}") from e

    from llama_index.llms.ollama import Ollama

    return Ollama(
        model=settings.llm_model,
        base_url=(settings.llm_base_url or "http://127.0.0.1:11434").rstrip("/"),
        request_timeout=settings.llm_timeout_s,
    )


def _local_llm(settings: Settings) -> LLM:
    """``PMG_LLM=local``: the GGUF file of ``PMG_LLM_MODEL_PATH``, loaded now (once per process) by mistralrs."""
    from assistant.local_llm import INSTALL_HINT, LocalLLM

    if not settings.llm_model_path:
        raise UserError(f"PMG_LLM=local needs a GGUF file: set PMG_LLM_MODEL_PATH ({INSTALL_HINT}).")
    return LocalLLM(
        model_path=str(settings.llm_model_path),
        max_tokens=settings.llm_max_tokens,
        timeout_s=settings.llm_timeout_s,
        queue_wait_s=settings.llm_queue_wait_s,
        max_passages=settings.llm_passages,
    )


# --------------------------------------------------------------------------------------------------
# calling, with a hard timeout
# --------------------------------------------------------------------------------------------------


def _short(e: BaseException, limit: int = 160) -> str:
    msg = " ".join(str(e).split())
    if len(msg) > limit:
        msg = msg[: limit - 1] + "…"
    return f"{type(e).__name__}: {msg}" if msg else type(e).__name__


def _call_with_timeout(fn: Callable[[], T], timeout_s: float) -> T:
    """Run ``fn`` in a daemon thread and wait at most ``timeout_s`` seconds.

    The client's own timeout normally fires first; this guard covers clients that hang anyway.
    A daemon thread (not an executor) so that a call that never returns cannot block interpreter exit.
    Any failure becomes an :class:`LLMError` with a short reason.
    """
    box: dict[str, Any] = {}
    done = threading.Event()

    def run() -> None:
        try:
            box["value"] = fn()
        except BaseException as e:  # noqa: BLE001 - reported to the caller
            box["error"] = e
        finally:
            done.set()

    threading.Thread(target=run, name="pmg-llm-call", daemon=True).start()
    if not done.wait(timeout_s):
        raise LLMError(f"no answer within {timeout_s:g} s")
    if "error" in box:
        e = box["error"]
        if isinstance(e, LLMError):
            raise e
        if "timeout" in type(e).__name__.lower() or "timed out" in str(e).lower():
            raise LLMError(f"no answer within {timeout_s:g} s: {_short(e)}") from e
        raise LLMError(_short(e)) from e
    return box["value"]


_THINK = re.compile(r"<think>.*?(?:</think>|$)", re.S | re.I)


def _clean_reply(text: str | None) -> str:
    """Drop reasoning blocks some models emit (``<think>…</think>``) and surrounding whitespace."""
    return _THINK.sub("", text or "").strip()


# --------------------------------------------------------------------------------------------------
# the prompt
# --------------------------------------------------------------------------------------------------

SYSTEM_PROMPT = """\
You answer questions about the Dutch programme "Preventie met Gezag" using ONLY the numbered passages \
the user gives you.
Rules:
- Use only facts stated in the passages. Do not add figures, names, places or dates that are not in them.
- Cite every passage you use with its number in square brackets, like [1] or [2], right after the claim.
- Answer in the language of the question (Dutch question: Dutch answer; English question: English answer).
- Be short: at most a few sentences. Copy figures exactly as they are written in the passages.
- If the passages do not contain the answer, say that you cannot answer this from the documents, \
and do not guess."""


def _passage_header(p: Citation) -> str:
    parts = [f"[{p.n}] {p.document}"]
    if p.date:
        parts.append(f"({p.date})")
    where = []
    if p.page is not None:
        where.append(f"page {p.page}")
    if p.section:
        where.append(f'section "{p.section}"')
    head = " ".join(parts)
    return f"{head}, {', '.join(where)}" if where else head


def _user_prompt(question: str, passages: list[Citation]) -> str:
    blocks = [f"{_passage_header(p)}\n{p.quote.strip()}" for p in passages]
    return (
        "Passages:\n\n"
        + "\n\n".join(blocks)
        + f"\n\nQuestion: {question.strip()}\n\n"
        + "Answer from the passages above only, citing them like [1]."
    )


def _history_messages(history: list[Message]) -> list[ChatMessage]:
    out = []
    for m in history[-MAX_HISTORY_MESSAGES:]:
        if m.role == "system" or not m.content.strip():
            continue
        content = m.content.strip()
        if len(content) > MAX_HISTORY_CHARS:
            content = content[:MAX_HISTORY_CHARS] + "…"
        role = MessageRole.USER if m.role == "user" else MessageRole.ASSISTANT
        out.append(ChatMessage(role=role, content=content))
    return out


def generate_answer(
    llm: LLM, question: str, passages: list[Citation], history: list[Message], timeout_s: float
) -> str:
    """Ask the LLM to answer ``question`` from the numbered ``passages``; returns its text.

    Raises :class:`LLMError` (short reason) when the call fails, times out or returns nothing.
    """
    messages = [
        ChatMessage(role=MessageRole.SYSTEM, content=SYSTEM_PROMPT),
        *_history_messages(history),
        ChatMessage(role=MessageRole.USER, content=_user_prompt(question, passages)),
    ]
    response = _call_with_timeout(lambda: llm.chat(messages), timeout_s)
    text = _clean_reply(getattr(getattr(response, "message", None), "content", None))
    if not text:
        raise LLMError("empty answer")
    return text


# --------------------------------------------------------------------------------------------------
# main entry
# --------------------------------------------------------------------------------------------------


def _fallback(extractive: Answer, note: str, llm_ms: float | None) -> Answer:
    timings = dict(extractive.timings_ms)
    if llm_ms is not None:
        timings["llm"] = llm_ms
    return extractive.model_copy(update={"note": note, "timings_ms": timings})


_WORDS = re.compile(r"[^\W_]{2,}")
_MARKERS = re.compile(r"\[[\d\s,;\-–]*\]")


def chosen_passages(passages: list[Citation], extractive: Answer, limit: int) -> list[Citation]:
    """At most ``limit`` passages for an LLM that reads slowly (a local model on a CPU): the chunks the extractive
    answer quotes first, then the others in retrieval order; renumbered 1..k."""
    quoted = {c.chunk_id for c in extractive.citations}
    ordered = [p for p in passages if p.chunk_id in quoted] + [p for p in passages if p.chunk_id not in quoted]
    return [p.model_copy(update={"n": i}) for i, p in enumerate(ordered[:limit], start=1)]


def answer_with_llm(
    llm: LLM | None,
    question: str,
    history: list[Message],
    extractive: Answer,
    passages: list[Citation],
    timeout_s: float,
) -> Answer:
    """A generated answer when it passes :func:`check_grounding`, otherwise ``extractive`` with a ``note``.

    ``passages`` are the retrieved candidates, numbered by their ``n`` fields. A refusal
    (``extractive.answered`` False), no LLM or no passages: ``extractive`` is returned unchanged, without
    calling the LLM. The generated answer keeps only the passages it cites, renumbered 1..k in order of
    first citation, in the text and in the citation objects alike.
    """
    if llm is None or not extractive.answered or not passages:
        return extractive
    limit = getattr(llm, "max_passages", None)
    if limit:
        passages = chosen_passages(passages, extractive, limit)
    t0 = time.perf_counter()
    try:
        text = generate_answer(llm, question, passages, history, timeout_s)
    except LLMError as e:
        ms = (time.perf_counter() - t0) * 1000
        return _fallback(
            extractive,
            f"The language model failed ({e}); the extractive answer is shown instead.",
            ms,
        )
    ms = (time.perf_counter() - t0) * 1000

    problems = check_grounding(text, passages, question=question)
    if not problems and len(_WORDS.findall(_MARKERS.sub(" ", text))) < 2:
        problems = ["it says nothing besides its citation markers"]
    if problems:
        return _fallback(
            extractive,
            "The generated answer was not shown because it failed the grounding check: "
            + "; ".join(problems)
            + ". The extractive answer is shown instead.",
            ms,
        )

    cited = cited_numbers(text)
    new_text, mapping = renumber(text, cited)
    by_n = {p.n: p for p in passages}
    citations = [by_n[old].model_copy(update={"n": new}) for old, new in mapping.items()]
    return Answer(
        question=extractive.question,
        answer=new_text,
        answered=True,
        citations=citations,
        related=[],
        timings_ms={**extractive.timings_ms, "llm": ms},
        mode="llm",
        note=None,
        query=extractive.query,
    )


# --------------------------------------------------------------------------------------------------
# follow-up questions
# --------------------------------------------------------------------------------------------------


def condense_question(llm: LLM | None, history: list[Message], question: str, timeout_s: float) -> str:
    """Rewrite a follow-up (``En in 2023?``) as a self-contained question, with llama-index's condense prompt.

    The history is formatted as :class:`~llama_index.core.chat_engine.CondenseQuestionChatEngine` does
    (``messages_to_history_str``) and filled into its ``DEFAULT_TEMPLATE``. No history, no LLM, or any failure
    (error, timeout, empty or runaway reply): the question is returned unchanged.
    """
    turns = [m for m in history if m.role in ("user", "assistant") and m.content.strip()]
    if llm is None or not turns:
        return question
    chat_history = [
        ChatMessage(role=MessageRole.USER if m.role == "user" else MessageRole.ASSISTANT, content=m.content)
        for m in turns[-MAX_HISTORY_MESSAGES:]
    ]
    history_str = messages_to_history_str(chat_history)
    try:
        out = _call_with_timeout(
            lambda: llm.predict(CONDENSE_PROMPT, question=question, chat_history=history_str), timeout_s
        )
    except LLMError:
        return question
    out = _clean_reply(out if isinstance(out, str) else str(out))
    out = re.sub(r"^\s*(?:<?Standalone question>?|Standalone question:)\s*", "", out, flags=re.I)
    out = out.strip().strip('"“”').strip()
    if not out or len(out) > max(500, 4 * len(question)):
        return question
    return out
