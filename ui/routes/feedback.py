"""``POST /api/feedback``: a verdict on an answer (helpful / not helpful, an optional remark), appended to the
feedback file of the settings (``assistant.feedback``); the client names no file."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from assistant import feedback
from assistant.feedback import FeedbackEntry, FeedbackIn
from assistant.settings import Settings
from ui.deps import get_settings

BODY_LIMIT = 16 * 1024  # bytes: the longest question, lead, remark and citations fit in far less


def router() -> APIRouter:
    r = APIRouter(tags=["api"])

    @r.post("/feedback", response_model=FeedbackEntry, status_code=201, max_body_size=BODY_LIMIT)
    def give_feedback(body: FeedbackIn, settings: Settings = Depends(get_settings)) -> FeedbackEntry:
        """Record whether an answer helped: the question, its short answer, the cited documents and pages, the
        verdict and a remark. Answers 201 with the entry as stored (its ``id`` and ``time``); posting again with
        that ``id`` (say, with a remark) replaces it in ``pmg feedback``."""
        return feedback.record(settings, body)

    return r
