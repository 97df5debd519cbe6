"""Structure-aware chunking for programme documents.

Pages of text (blocks separated by blank lines, see ``ingest.loaders``) become blocks (heading, paragraph,
bullet); headings become the ``section`` of the chunks under them; paragraphs and bullets are never cut
unless a single one is longer than a chunk, and then only between sentences. Every sentence keeps its
character span inside its chunk and the page it starts on, so answers can quote it and cite its page.

Written here rather than with llama-index's ``SentenceSplitter``: that splitter knows neither headings, bullets
nor pages, and returns no sentence spans. Sentences are found with NLTK's Dutch Punkt model, which
llama-index bundles (no download).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.types import Chunk, SentenceSpan
from ingest.metadata import DATE_LINE, TERMINAL, is_heading, is_metadata_line
from ingest.page_feet import NOTE_START

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ingest.loaders import Page

def chunk_id(doc_id: str, index: int) -> str:
    """The id of a document's ``index``-th chunk: "kst-28741-106:0004"."""
    return f"{doc_id}:{index:04d}"


VERSION = 7  # of how text is split, read and embedded: a file ingested under another version is ingested again (content_hash)
BULLET = re.compile(r"^(?:- |\d{1,2}[.)] )")
ABBREVIATIONS = {"bijv", "o.a", "m.b.t", "i.v.m", "e.d", "nr", "blz", "t/m", "ca", "incl", "excl", "dhr", "mevr", "zgn", "resp", "vgl", "e.g", "i.e"}


@dataclass
class Block:
    kind: str  # "heading" | "paragraph" | "bullet" | "meta" (a metadata line: kept as text, joined to nothing)
    text: str
    pages: list[tuple[int, int | None]] = field(default_factory=list)  # (offset in text, page) where a page starts

    def page_at(self, offset: int) -> int | None:
        page = self.pages[0][1] if self.pages else None
        for start, p in self.pages:
            if start <= offset:
                page = p
        return page


@lru_cache(maxsize=1)
def _punkt():
    from llama_index.core.utils import globals_helper

    globals_helper.wait_for_nltk_check()  # puts llama-index's bundled nltk_cache on NLTK's path
    from nltk.tokenize import PunktTokenizer

    tokenizer = PunktTokenizer("dutch")
    tokenizer._params.abbrev_types.update(ABBREVIATIONS)
    return tokenizer


# A sentence end that Punkt does not see: a footnote mark after the full stop ("... van 2025.¹ Deze rapportage").
FOOTNOTE_END = re.compile(r"[.!?][¹²³⁴⁵⁶⁷⁸⁹⁰]+\s+(?=[A-Z])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets in ``text``, trailing whitespace excluded."""
    spans = []
    for s, e in _punkt().span_tokenize(text):
        for m in FOOTNOTE_END.finditer(text, s, e):
            spans.append((s, m.start() + len(m.group().rstrip())))  # up to and with the mark
            s = m.end()
        spans.append((s, e))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def to_blocks(pages: list[Page], marked_headings: bool = False) -> list[Block]:
    """Classify blocks and re-join paragraphs that a page break (or a layout break) cut in two.

    ``marked_headings``: only "# " blocks are headings (Markdown, HTML, Word mark theirs); else short lines are too."""
    blocks: list[Block] = []
    for page in pages:
        for raw in page.text.split("\n\n"):
            text = " ".join(raw.split())
            if not text:
                continue
            prev = blocks[-1] if blocks else None
            if prev and prev.kind == "meta" and prev.text.isupper() and text.isupper() and len(text) < 90:
                prev.text += " " + text  # "BRIEF VAN DE MINISTERS ... EN VOOR" / "RECHTSBESCHERMING": one line printed as two
                continue
            if is_metadata_line(text):
                kind, text = "meta", text.removeprefix("# ").strip()
            elif is_heading(text) and (text.startswith("# ") or not marked_headings):
                kind, text = "heading", text.removeprefix("# ").strip()
            else:
                kind = "bullet" if BULLET.match(text) else "paragraph"
            if (prev and prev.kind in ("paragraph", "bullet") and kind == "paragraph" and not prev.text.endswith(TERMINAL)
                    and not DATE_LINE.match(prev.text) and not NOTE_START.match(text)):
                # a date line ("Juni 2024") is whole ("Contact?" is not its end); a footnote is no paragraph's sequel
                prev.pages.append((len(prev.text) + 1, page.number))
                prev.text += " " + text
                continue
            blocks.append(Block(kind, text, [(0, page.number)]))
    return blocks


def _pieces(block: Block, limit: int) -> list[tuple[str, list[tuple[int, int, int | None]]]]:
    """A block as one or more pieces of at most ``limit`` characters, cut only between sentences.

    Each piece comes with its sentences as (start, end, page) relative to the piece."""
    body_start = 2 if block.kind == "bullet" and block.text.startswith("- ") else 0
    spans = [(s + body_start, e + body_start) for s, e in sentence_spans(block.text[body_start:])]
    pieces, cur_start, cur = [], 0, []
    for s, e in spans:
        if cur and e - cur_start > limit:
            pieces.append((cur_start, cur))
            cur_start, cur = s, []
        cur.append((s, e))
    if cur:
        pieces.append((cur_start, cur))
    out = []
    for i, (start, sents) in enumerate(pieces):
        end = sents[-1][1] if i < len(pieces) - 1 else len(block.text)
        text = block.text[start:end].rstrip()
        out.append((text, [(s - start, e - start, block.page_at(s)) for s, e in sents]))
    return out


def chunk_pages(doc_id: str, pages: list[Page], chunk_chars: int, marked_headings: bool = False) -> list[Chunk]:
    """Chunks of at most about ``chunk_chars`` characters that never mix two sections (``marked_headings``: see
    ``to_blocks``)."""
    chunks: list[Chunk] = []
    section: str | None = None
    parts: list[str] = []
    spans: list[SentenceSpan] = []

    def flush() -> None:
        if parts:
            pages_ = [s.page for s in spans if s.page is not None]
            chunks.append(Chunk(
                id=chunk_id(doc_id, len(chunks)), index=len(chunks), text="\n\n".join(parts), section=section,
                page_start=min(pages_) if pages_ else None, page_end=max(pages_) if pages_ else None,
                sentences=list(spans),
            ))
            parts.clear()
            spans.clear()

    for block in to_blocks(pages, marked_headings):
        if block.kind == "heading":
            flush()
            section = block.text
            continue
        for text, sents in _pieces(block, chunk_chars):
            offset = sum(len(p) + 2 for p in parts)
            if parts and offset + len(text) > chunk_chars:
                flush()
                offset = 0
            parts.append(text)
            spans.extend(SentenceSpan(start=offset + s, end=offset + e, page=p) for s, e, p in sents)
    flush()
    return chunks
