"""The real server (`pmg serve`, a subprocess on a free loopback port) through the official `openai` client."""

from __future__ import annotations

import httpx
import openai
import pytest
from openai import OpenAI

from tests.ui.conftest import AJB_QUESTION


@pytest.fixture(scope="module")
def client(live_server) -> OpenAI:
    return OpenAI(base_url=f"{live_server}/v1", api_key="x", max_retries=0, timeout=60)


def test_health_and_models(live_server, client):
    assert httpx.get(f"{live_server}/healthz").json() == {"status": "ok", "documents": 1}
    assert [m.id for m in client.models.list()] == ["pmg-assistant"]


def test_plain_answer(client):
    resp = client.chat.completions.create(model="pmg-assistant", messages=[{"role": "user", "content": AJB_QUESTION}])
    text = resp.choices[0].message.content
    assert "576" in text and "[1]" in text
    citations = resp.model_extra["citations"]
    assert citations[0]["n"] == 1 and "576" in citations[0]["quote"]
    assert resp.model_extra["answered"] is True


def test_streamed_answer(client):
    stream = client.chat.completions.create(model="pmg-assistant", stream=True,
                                            messages=[{"role": "user", "content": AJB_QUESTION}])
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert "576" in text
    assert sum(1 for c in chunks if c.choices and c.choices[0].delta.content) >= 3
    last = chunks[-1]
    assert last.choices[0].finish_reason == "stop"
    assert last.model_extra["citations"][0]["quote"] in text


def test_follow_up(client):
    first = client.chat.completions.create(model="pmg-assistant",
                                           messages=[{"role": "user", "content": AJB_QUESTION}])
    resp = client.chat.completions.create(model="pmg-assistant", messages=[
        {"role": "user", "content": AJB_QUESTION},
        {"role": "assistant", "content": first.choices[0].message.content},
        {"role": "user", "content": "En in hoeveel gemeenten?"},
    ])
    assert "zes" in resp.choices[0].message.content


def test_errors_reach_the_client(client):
    with pytest.raises(openai.UnprocessableEntityError) as exc:
        client.chat.completions.create(model="pmg-assistant", messages=[{"role": "user", "content": "x" * 1001}])
    assert exc.value.body["message"] == "The question is 1001 characters long; the limit is 1000 (PMG_MAX_QUESTION_CHARS)."
    with pytest.raises(openai.APIStatusError) as exc:
        client.chat.completions.create(model="pmg-assistant", messages=[{"role": "user", "content": "x" * 200_000}])
    assert exc.value.status_code == 413
