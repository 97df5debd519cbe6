"""OpenAI-compatible routes (/v1): chat completions (plain and streamed) and the model list.

The last user message is the question; the user/assistant turns before it are the history (follow-ups).
Besides the standard fields, a completion carries ``citations``, ``answered`` and ``related`` (the Answer's);
a stream sends them in its last chunk, before ``data: [DONE]``.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Iterator
from typing import Any, Literal

from fastapi import APIRouter, Depends
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator

from assistant.errors import UnprocessableError
from assistant.types import Answer, Filters, Message, Text, no_lone_surrogates
from ui.deps import JSON_BODY_LIMIT, MODEL_ID, get_assistant

CREATED = int(time.time())


class ContentPart(BaseModel):
    model_config = ConfigDict(extra="allow")
    type: str = "text"
    text: Text | None = None


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: str | list[ContentPart] | None = None

    @field_validator("content")
    @classmethod
    def _valid_text(cls, content):
        return no_lone_surrogates(content) if isinstance(content, str) else content

    def text(self) -> str:
        if isinstance(self.content, list):
            return "".join(p.text or "" for p in self.content if p.type == "text")
        return self.content or ""


class ChatCompletionRequest(BaseModel):
    """The OpenAI request; sampling parameters (temperature, max_tokens, ...) are accepted and ignored."""

    model_config = ConfigDict(extra="allow")
    model: str = Field(MODEL_ID, description=f"Any value; the one model is '{MODEL_ID}'.")
    messages: list[ChatMessage] = Field(description="The conversation; the last user message is the question.")
    stream: bool = False
    filters: Filters | None = Field(None, description="Extension: restrict retrieval to some documents.")


def split_request(messages: list[ChatMessage]) -> tuple[str, list[Message]]:
    """(question, history): the last user message, and the user/assistant turns before it."""
    last = next((i for i in range(len(messages) - 1, -1, -1) if messages[i].role == "user"), None)
    if last is None:
        raise UnprocessableError("No user message in 'messages': the last message with role 'user' is the question.")
    history = [Message(role=m.role, content=m.text()) for m in messages[:last]
               if m.role in ("user", "assistant") and m.text().strip()]
    return messages[last].text(), history


def extras(answer: Answer) -> dict[str, Any]:
    return {"citations": [c.model_dump() for c in answer.citations], "answered": answer.answered,
            "related": [c.model_dump() for c in answer.related]}


def usage(question: str, history: list[Message], answer: Answer) -> dict[str, int]:
    """Word counts, standing in for token counts (there is no tokenizer)."""
    prompt = len(question.split()) + sum(len(m.content.split()) for m in history)
    completion = len(answer.answer.split())
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


def pieces(text: str, words: int = 6) -> list[str]:
    """The answer in a few pieces (groups of words, each with its trailing whitespace); they join to ``text``."""
    tokens = [t for t in re.split(r"(?<=\s)(?=\S)", text) if t]
    return ["".join(tokens[i:i + words]) for i in range(0, len(tokens), words)] or [""]


def sse(data: dict | str) -> str:
    return f"data: {data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)}\n\n"


def stream_chunks(answer: Answer, completion_id: str, created: int) -> Iterator[str]:
    base = {"id": completion_id, "object": "chat.completion.chunk", "created": created, "model": MODEL_ID,
            "system_fingerprint": None}

    def chunk(delta: dict, finish: str | None = None, **more) -> str:
        return sse(base | {"choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}]} | more)

    yield chunk({"role": "assistant", "content": ""})
    for piece in pieces(answer.answer):
        yield chunk({"content": piece})
    yield chunk({}, "stop", **extras(answer))
    yield sse("[DONE]")


def router() -> APIRouter:
    r = APIRouter(tags=["openai"], max_body_size=JSON_BODY_LIMIT)

    @r.get("/models")
    def models() -> dict:
        """The one model, as the OpenAI model list."""
        return {"object": "list", "data": [{"id": MODEL_ID, "object": "model", "created": CREATED,
                                            "owned_by": "preventie-met-gezag"}]}

    @r.get("/models/{model_id}")
    def model(model_id: str) -> dict:
        from assistant.errors import NotFoundError

        if model_id != MODEL_ID:
            raise NotFoundError(f"The model '{model_id}' does not exist; the one model is '{MODEL_ID}'.")
        return {"id": MODEL_ID, "object": "model", "created": CREATED, "owned_by": "preventie-met-gezag"}

    @r.post("/chat/completions", response_model=None)
    def chat_completions(body: ChatCompletionRequest, assistant=Depends(get_assistant)):
        """Answer the last user message from the documents (OpenAI chat-completions format, optionally streamed).

        The answer text carries [n] markers; ``citations`` (top level) lists the sources they refer to."""
        question, history = split_request(body.messages)
        # no suggestions: an OpenAI client has no field for them
        answer = assistant.ask(question, history=history, filters=body.filters, suggest=False)  # errors before any byte
        completion_id = f"chatcmpl-{uuid.uuid4().hex}"
        created = int(time.time())
        if body.stream:
            return StreamingResponse(stream_chunks(answer, completion_id, created), media_type="text/event-stream",
                                     headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
        return {
            "id": completion_id, "object": "chat.completion", "created": created, "model": MODEL_ID,
            "system_fingerprint": None,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": answer.answer, "refusal": None},
                         "logprobs": None, "finish_reason": "stop"}],
            "usage": usage(question, history, answer),
        } | extras(answer)

    return r
