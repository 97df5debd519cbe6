"""Optional LLM answers, held to the evidence.

The default answer is extractive (no LLM). When the user configures an LLM (``PMG_LLM=openai`` for any
OpenAI-compatible server, or ``PMG_LLM=ollama``), :func:`answer_with_llm` asks it to rephrase the answer
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
from decimal import Decimal, InvalidOperation
from typing import Any, Callable, TypeVar
from urllib.parse import urlparse

from llama_index.core.base.llms.generic_utils import messages_to_history_str
from llama_index.core.base.llms.types import ChatMessage, MessageRole
from llama_index.core.chat_engine.condense_question import DEFAULT_PROMPT as CONDENSE_PROMPT
from llama_index.core.llms.llm import LLM

from assistant.errors import LLMError, UserError
from assistant.settings import Settings
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
    if kind not in ("openai", "ollama"):
        raise UserError(f"Unknown PMG_LLM={kind!r}: use 'none', 'openai' or 'ollama'.")
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
# grounding check
# --------------------------------------------------------------------------------------------------

# [1]  [1, 3]  [2-4]  [1; 2]
_MARKER = re.compile(r"\[\s*(\d{1,4}(?:\s*[,;\-–]\s*\d{1,4})*)\s*\]")
# 576  1.200  2,5  1.200.000  28 741 (space, no-break space or narrow no-break space as thousands separator)
_NUMBER = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)*(?:[ \u00a0\u202f]\d{3}(?![\d]|[.,]\d))*")
_WORD = re.compile(r"[^\W\d_][\w]*(?:[-'’][\w]+)*")
_SENTENCE_END = ".!?:;"
_OPENERS = "\"'“”‘’«»([*•–—-"

#: Common Dutch and English function / discourse words. Capitalised at the start of a sentence they are
#: not names; everywhere else a capitalised word is treated as (part of) a name.
FUNCTION_WORDS = frozenset(
    """
    de het een en of maar want dus in op aan met voor van bij naar uit over onder boven tussen door om tot
    tegen zonder na sinds tijdens volgens per via vanaf binnen buiten ook nog al niet geen wel er daar hier
    dit dat deze die wat wie welke waar wanneer hoe waarom hoeveel waarvan waarin waarbij ik je jij u hij zij
    ze wij we jullie hun hen zijn is was waren wordt worden werd werden heeft hebben had hadden kan kunnen
    kon konden moet moeten zal zullen zou zouden mag mogen als toen terwijl omdat doordat zodat hoewel
    indien daarnaast bovendien verder tevens echter daarom daardoor daarbij hierbij daarin hierin hierdoor
    kortom samengevat concluderend helaas ja nee ongeveer circa bijna ruim meer minder alle elke ieder
    iedere enkele sommige veel weinig andere totaal eerst vervolgens daarna ten slotte tot slot zo nu dan
    inmiddels uiteindelijk bijvoorbeeld namelijk oftewel ofwel evenals zowel noch niets iets alleen vooral
    mijn mijnheer uw onze ons hiervoor daarvoor hiermee daarmee dankzij vanwege wegens ondanks behalve
    the a an and or but so on at with for of by to from about under above between through during after
    before since according per via within also not no yes there here this that these those what who which
    whom whose where when how why i you he she it we they his her its their our your my is are was were be
    been being has have had can could must should will would may might shall as if because although though
    while however therefore thus moreover furthermore additionally overall unfortunately approximately
    around nearly almost over more less all each every some many few other another total first then next
    finally in based note sources source passage passages answer yes no both either neither only just
    één twee drie vier vijf zes zeven acht negen tien elf twaalf honderd duizend
    one two three four five six seven eight nine ten eleven twelve hundred thousand
    """.split()
)


def _markers(text: str) -> list[tuple[re.Match[str], list[int]]]:
    """Every [n]-style marker with the passage numbers it cites (ranges expanded, order kept)."""
    out = []
    for m in _MARKER.finditer(text):
        nums: list[int] = []
        for part in re.split(r"\s*[,;]\s*", m.group(1)):
            bounds = re.split(r"\s*[\-–]\s*", part)
            if len(bounds) == 2 and int(bounds[0]) <= int(bounds[1]) and int(bounds[1]) - int(bounds[0]) < 20:
                nums.extend(range(int(bounds[0]), int(bounds[1]) + 1))
            else:
                nums.extend(int(b) for b in bounds)
        out.append((m, list(dict.fromkeys(nums))))
    return out


def cited_numbers(text: str) -> list[int]:
    """The passage numbers cited in ``text``, in order of first appearance."""
    return list(dict.fromkeys(n for _, nums in _markers(text) for n in nums))


def _strip_markers(text: str) -> str:
    return _MARKER.sub(" ", text)


def _decimal_form(int_part: str, frac: str) -> str:
    try:
        d = Decimal(f"{int_part}.{frac}")
    except InvalidOperation:
        return f"{int_part}.{frac}"
    s = format(d, "f")
    return s.rstrip("0").rstrip(".") if "." in s else s


def _number_forms(token: str) -> set[str]:
    """Canonical values a written number can stand for.

    ``1.200`` is 1200 in Dutch and 1.2 in English, so it yields both; ``2,5`` is 2.5; ``1.200,5`` is 1200.5;
    ``28 741`` is 28741. Leading zeros are dropped.
    """
    parts = re.split(r"[ \u00a0\u202f]", token)
    if len(parts) > 1:
        return {str(int("".join(re.sub(r"\D", "", p) for p in parts)))}
    groups = re.split(r"([.,])", token)
    digits, seps = groups[0::2], groups[1::2]
    if not seps:
        return {str(int(token))}
    forms: set[str] = set()
    if len(set(seps)) == 1:
        if all(len(g) == 3 for g in digits[1:]):  # thousands separators (maybe)
            forms.add(str(int("".join(digits))))
        if len(seps) == 1:  # one separator: may also be a decimal point/comma
            forms.add(_decimal_form(digits[0], digits[1]))
    else:  # both kinds: the last one is the decimal separator
        forms.add(_decimal_form("".join(digits[:-1]), digits[-1]))
    if not forms:  # e.g. 1.2.3 (a version or section number): compare as written
        forms.add(token)
    return forms


def _numbers(text: str) -> list[str]:
    return [m.group(0) for m in _NUMBER.finditer(_strip_markers(text))]


def _source_number_forms(sources: list[str]) -> set[str]:
    forms: set[str] = set()
    for s in sources:
        for tok in _numbers(s):
            forms |= _number_forms(tok)
            # "in 2023 576 jongeren" is read as one number; keep the pieces as well
            for piece in re.split(r"[ \u00a0\u202f]", tok):
                forms |= _number_forms(piece)
    return forms


def _number_grounded(token: str, forms: set[str]) -> bool:
    if _number_forms(token) & forms:
        return True
    pieces = re.split(r"[ \u00a0\u202f]", token)
    return len(pieces) > 1 and all(_number_forms(p) & forms for p in pieces)


def _at_sentence_start(text: str, start: int) -> bool:
    prefix = text[:start]
    stripped = prefix.rstrip()
    if "\n" in prefix[len(stripped) :]:
        return True
    stripped = stripped.rstrip(_OPENERS + " \t")
    return not stripped or stripped[-1] in _SENTENCE_END or stripped.endswith("\n")


def _occurs(word: str, sources: list[str]) -> bool:
    pat = re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)", re.I)
    return any(pat.search(s) for s in sources)


def _name_grounded(word: str, sources: list[str]) -> bool:
    word = re.sub(r"['’]s?$", "", word)  # AJB's, Tilburgs' -> AJB, Tilburg
    if not word or _occurs(word, sources):
        return True
    if "-" in word:  # AJB-traject: the capitalised parts must be there
        parts = [p for p in word.split("-") if p and p[0].isupper()]
        return all(_occurs(p, sources) for p in parts)
    return False


def _name_candidates(text: str) -> list[tuple[int, re.Match[str]]]:
    """(token index, match) of every word the grounding check treats as (part of) a proper name."""
    out = []
    for i, m in enumerate(_WORD.finditer(text)):
        w = m.group(0)
        if not w[0].isupper() or w == "I":
            continue
        if w.lower() in FUNCTION_WORDS and _at_sentence_start(text, m.start()):
            continue
        out.append((i, m))
    return out


def check_grounding(text: str, passages: list[Citation], question: str = "") -> list[str]:
    """Mechanical check of a generated answer against the passages it cites. Returns the problems; [] = grounded.

    Rules, in this order:

    1. Markers: the text must cite at least one passage as ``[n]`` (also ``[1, 2]``, ``[2-3]``), and every
       cited ``n`` must be the number of one of ``passages``. (If no existing passage is cited, rules 2-3 are
       skipped: there is nothing to check against, and the answer already fails.)
    2. Figures: every number written with digits (``576``, ``1.200``, ``2,5``, ``28 741``, years, percentages)
       must occur in a cited passage (its quote, or its document title / section heading, which the prompt
       shows with it). Numbers are compared by value, so ``1.200``, ``1,200``, ``1200`` and ``1 200`` match;
       ``1.200`` may stand for 1200 (Dutch) or 1.2 (English). Numbers written as words are not checked.
    3. Names: a word starting with a capital letter is treated as (part of) a proper name, except a common
       Dutch/English function, discourse or number word (``De``, ``Het``, ``Volgens``, ``Zes``, ``The``…) at the start
       of a sentence, line or list item, and the English pronoun ``I``. So ``AJB``, ``Tilburg``, ``Prospect``
       and ``Cash`` are names wherever they stand, and so is a sentence-initial content word like
       ``Jongeren``. Each must occur as a whole word (case-insensitive, a possessive ``'s`` dropped; for a
       hyphenated word its capitalised parts) in a cited passage or in the question; consecutive missing words
       are reported together as one name.

    The check is deliberately simple and strict: a paraphrase that translates a name, or starts a sentence
    with a content word that is in no cited passage, fails it and the extractive answer is shown instead.
    """
    problems: list[str] = []
    by_n = {p.n: p for p in passages}
    cited = cited_numbers(text)
    if not cited:
        problems.append("the answer cites no passage (no [n] marker)")
    for n in cited:
        if n not in by_n:
            problems.append(f"the answer cites [{n}], but there is no passage {n}")
    sources = []
    for n in cited:
        if n in by_n:
            p = by_n[n]
            sources.extend(s for s in (p.quote, p.document, p.section) if s)
    if not sources:  # nothing valid is cited: there is nothing to check the content against
        return problems
    body = _strip_markers(text)

    forms = _source_number_forms(sources)
    for tok in dict.fromkeys(_numbers(body)):
        if not _number_grounded(tok, forms):
            problems.append(f"the figure {tok} is not in any cited passage")

    name_sources = sources + ([question] if question else [])
    missing = [(i, m) for i, m in _name_candidates(body) if not _name_grounded(m.group(0), name_sources)]
    names: list[str] = []
    prev_i, start = -2, 0
    for i, m in missing:  # consecutive missing words are one name: "Den Bosch", "Prospect 4 Cash"
        if names and prev_i == i - 1:
            names[-1] = " ".join(body[start : m.end()].split())
        else:
            start = m.start()
            names.append(m.group(0))
        prev_i = i
    for name in dict.fromkeys(names):
        problems.append(f"the name {name!r} is not in any cited passage or the question")
    return problems


def _renumber(text: str, cited: list[int]) -> tuple[str, dict[int, int]]:
    mapping = {old: new for new, old in enumerate(cited, start=1)}

    def repl(m: re.Match[str]) -> str:
        nums = sorted({mapping[n] for n in _markers(m.group(0))[0][1]})
        return "[" + ", ".join(str(n) for n in nums) + "]"

    return _MARKER.sub(repl, text), mapping


# --------------------------------------------------------------------------------------------------
# main entry
# --------------------------------------------------------------------------------------------------


def _fallback(extractive: Answer, note: str, llm_ms: float | None) -> Answer:
    timings = dict(extractive.timings_ms)
    if llm_ms is not None:
        timings["llm"] = llm_ms
    return extractive.model_copy(update={"note": note, "timings_ms": timings})


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
    if problems:
        return _fallback(
            extractive,
            "The generated answer was not shown because it failed the grounding check: "
            + "; ".join(problems)
            + ". The extractive answer is shown instead.",
            ms,
        )

    cited = cited_numbers(text)
    new_text, mapping = _renumber(text, cited)
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
