"""The suggested questions of an answer or a refusal, checked: questions made from its passages
(``assistant.suggestions``) that the documents really answer.

Each candidate is answered as a new question, with the same filters, the way ``Assistant.ask`` would answer it
(one batch embedding for all of them); only those answered, and not by the quote the answer already gave, are
kept. Takes the assistant as an argument (``answer_part``, ``embedder``, ``store``); imports no service.
"""

from __future__ import annotations

from assistant.question import language, split_question, understand
from assistant.suggestions import Passage, candidates
from assistant.types import Answer, Filters

SHOWN = 3  # suggestions under an answer
TRIED = 4  # candidates answered to find them (four: one call of the embedder's single-threaded engines)


def passages(answer: Answer, hits: list[str], chunks: dict, docs: dict) -> list[Passage]:
    """The answer's chunks as passages: those it cites (or, refused, shows) first, then the other retrieved ones."""
    shown = answer.citations if answer.answered else answer.related
    quotes = {c.quote for c in answer.citations}
    order = list(dict.fromkeys([c.chunk_id for c in shown] + list(hits)))
    out = []
    for chunk_id in order:
        chunk = chunks.get(chunk_id)
        if chunk is None:
            continue
        doc = docs.get(chunk.doc_id)
        out.append(Passage(sentences=[chunk.text[s:e] for s, e, _ in chunk.spans], section=chunk.section,
                           title=doc.title if doc else None, skip=quotes))
    return out


def suggest(assistant, answer: Answer, hits: list[str], chunks: dict, filters: Filters | None, index) -> list[str]:
    """Up to SHOWN questions the documents answer, made from the passages of ``answer`` (in its language)."""
    docs = {d.id: d for d in assistant.store.documents(cached=True)}
    tried = [q for q in candidates(passages(answer, hits, chunks, docs), language(answer.question),
                                   answer.question, TRIED) if len(split_question(q)) == 1]
    if not tried:
        return []
    vectors = assistant.embedder.encode([understand(q).query for q in tried], is_query=True)
    given = {c.quote for c in answer.citations}
    kept: list[str] = []
    for q, vector in zip(tried, vectors, strict=True):
        found, _, _ = assistant.answer_part(q, [], filters, index, {}, vector=vector)
        if found.answered and not (found.citations and found.citations[0].quote in given):
            kept.append(q)
            if len(kept) == SHOWN:
                break
    return kept
