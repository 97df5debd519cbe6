"""Feedback on answers: "helpful" or "not helpful" with an optional remark, kept as JSON lines in one local file
(``Settings.feedback_path``), and turned into eval cases for a person to finish (``pmg feedback``).

The chat and ``POST /api/feedback`` both write through :func:`record`; the file's place comes from the settings
only, never from the client. A later line with the same ``id`` (the chat writes the verdict at the click, then
again with the remark) replaces the earlier one when the file is read.
"""

from __future__ import annotations

import json
import re
import threading
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from assistant.errors import UserError
from assistant.question import language
from assistant.settings import Settings
from assistant.types import Text

MAX_QUESTION = 1000
MAX_LEAD = 2000
MAX_REMARK = 1000
MAX_CITED = 20
Short = Annotated[Text, StringConstraints(strip_whitespace=True, max_length=200)]
_lock = threading.Lock()


class FeedbackError(UserError):
    status_code = 503  # the file cannot be written: the server's problem, not the client's


class Cited(BaseModel):
    model_config = ConfigDict(extra="forbid")
    document_id: Short = Field(description="Id of a cited document (as in the answer's citations).")
    page: int | None = Field(None, ge=1, le=100_000)


class FeedbackIn(BaseModel):
    """What a client sends: the question, what the answer said first, its cited documents, the verdict."""

    model_config = ConfigDict(extra="forbid")
    question: Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_QUESTION)]
    answer_lead: Annotated[Text, StringConstraints(strip_whitespace=True, max_length=MAX_LEAD)] | None = Field(
        None, description="The short answer (or the answer's first line) the verdict is about.")
    answered: bool = Field(True, description="False when the verdict is about a refusal.")
    cited: list[Cited] = Field([], max_length=MAX_CITED, description="The documents and pages the answer cited.")
    verdict: Literal["helpful", "not_helpful"]
    remark: Annotated[Text, StringConstraints(strip_whitespace=True, max_length=MAX_REMARK)] | None = None
    id: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")] | None = Field(
        None, description="Given by an earlier post of the same feedback (to add a remark); new when left out.")


class FeedbackEntry(FeedbackIn):
    id: str
    time: str = Field(description="When the feedback was given (UTC, ISO 8601).")


def record(settings: Settings, given: FeedbackIn) -> FeedbackEntry:
    """Append ``given`` with an id and the time to the feedback file; a file that cannot be written is a
    FeedbackError (the server's, not the client's)."""
    entry = FeedbackEntry(**(given.model_dump() | {"id": given.id or uuid.uuid4().hex,
                                                    "time": datetime.now(timezone.utc).isoformat(timespec="seconds")}))
    path = settings.feedback_path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with _lock, path.open("a", encoding="utf-8") as out:
            out.write(entry.model_dump_json() + "\n")
    except OSError as exc:
        raise FeedbackError(code="feedback_unwritable", reason=exc.strerror or type(exc).__name__) from exc
    return entry


def read(path: Path) -> list[FeedbackEntry]:
    """The entries of a feedback file, the last line of each id counting; a broken line is named by number."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise UserError(f"Cannot read the feedback file {path}: {exc.strerror or exc}") from exc
    entries: dict[str, FeedbackEntry] = {}
    for no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            entry = FeedbackEntry.model_validate(json.loads(line))
        except (ValueError, ValidationError) as exc:
            raise UserError(f"{path}:{no}: not a feedback line ({str(exc).splitlines()[0]})") from exc
        entries.pop(entry.id, None)
        entries[entry.id] = entry
    return list(entries.values())


def as_case(entry: FeedbackEntry) -> dict:
    """An eval case (eval/sets format) for a person to finish: the question, the answer's lead to turn into
    ``expect_all``, the verdict and remark; "not helpful" first in what ``cases`` returns."""
    lead = re.sub(r"\s*\[\d+\]", "", entry.answer_lead or "").strip() or None
    return {
        "id": f"feedback-{entry.id[:12]}", "question": entry.question, "lang": language(entry.question),
        "expect_all": [], "answerable": entry.answered if entry.verdict == "helpful" else True,
        "tags": ["feedback", entry.verdict.replace("_", "-")], "needs_review": True, "verdict": entry.verdict,
        "answer_lead": lead, "remark": entry.remark, "cited": [c.model_dump() for c in entry.cited],
        "time": entry.time,
    }


def cases(entries: list[FeedbackEntry]) -> list[dict]:
    """Eval cases of the entries: the "not helpful" ones first, then the helpful ones (tagged so)."""
    return [as_case(e) for e in sorted(entries, key=lambda e: e.verdict != "not_helpful")]


def as_lines(found: list[dict]) -> str:
    return "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in found)


def write_cases(found: list[dict], out: Path) -> str:
    """Writes the cases to ``out`` (JSON Lines); says how many."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(as_lines(found), encoding="utf-8")
    except OSError as exc:
        raise UserError(f"Cannot write {out}: {exc.strerror or exc}") from exc
    bad = sum(c["verdict"] == "not_helpful" for c in found)
    return f"{len(found)} cases ({bad} not helpful) written to {out}."
