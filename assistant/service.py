"""The assistant: the one core object the CLI, the HTTP API, Gradio and the eval call."""

from __future__ import annotations

import re
import threading
import time
import unicodedata
from dataclasses import replace
from functools import cached_property
from pathlib import Path

import numpy as np

from assistant import answer as ex
from assistant import footnotes, lists, matching
from assistant.compose import Composer
from assistant.context import (NTH, ORDINAL_NL, DocContext, TimeRef, edge_document, is_field_line, is_label_line,
                               matches_date, nth_document)
from assistant.embedding import make_embedder
from assistant.errors import QuestionError
from assistant.keyword import KeywordCache, KeywordIndex, keyword_dir, terms
from assistant.numbers import numerals
from assistant.question import OWN_WEIGHT, Question, shape_words, split_question, understand
from assistant.retrieval import filter_where, keyword_mask, reciprocal_rank_fusion
from assistant.settings import Settings
from assistant.shapes import has_shape
from assistant.store import Store, StoredChunk, StoredSentence
from assistant.types import Answer, Citation, DocumentInfo, DocumentRecord, Filters, Message
from ingest.chunking import chunk_id

class Assistant:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.embedder = make_embedder(self.settings.embedder)
        self.keywords = KeywordCache(keyword_dir(self.settings))
        self._lock = threading.Lock()

    @cached_property
    def store(self) -> Store:
        return Store(self.settings, self.embedder.model_name, self.embedder.dim)

    @cached_property
    def composer(self) -> Composer:
        return Composer(self.store, self.settings)

    @cached_property
    def ranker(self):
        from assistant.ranker import Ranker

        return Ranker.load(self.settings.ranker_file) if self.settings.ranker else None

    @cached_property
    def llm(self):
        from assistant.llm import make_llm

        return make_llm(self.settings)

    # --- documents ------------------------------------------------------------------------------

    def documents(self) -> list[DocumentInfo]:
        uploads = self.settings.uploads.resolve()
        return [DocumentInfo(**d.model_dump(exclude={"path", "content_hash", "file_hash"}), year=d.year,
                             added_via="upload" if Path(d.path).is_relative_to(uploads) else "corpus")
                for d in self.store.documents()]

    def _doc_map(self) -> dict[str, DocumentRecord]:
        return {d.id: d for d in self.store.documents(cached=True)}

    def current_index(self) -> KeywordIndex:
        """The keyword index of the store as it is now (one version check); what the store caches from here on
        belongs to that version."""
        index = self.keywords.get(self.store)
        self.store.at_version(index.version)
        return index

    # --- retrieval ------------------------------------------------------------------------------

    def check_question(self, question: str) -> str:
        """The question as answered: invisible format characters (zero-width, bidi marks) dropped; an empty, an
        over-long or a malformed one (a lone surrogate) is a QuestionError."""
        bad = next((ch for ch in question or "" if "\ud800" <= ch <= "\udfff"), None)
        if bad is not None:
            raise QuestionError(code="question_surrogate", code_point=ord(bad))
        question = "".join(ch for ch in question or "" if unicodedata.category(ch) != "Cf").strip()
        if not question:
            raise QuestionError(code="question_empty")
        if len(question) > self.settings.max_question_chars:
            raise QuestionError(code="question_too_long", chars=len(question), limit=self.settings.max_question_chars)
        tokens = self.embedder.token_count(question)
        if tokens > self.settings.max_question_tokens:
            raise QuestionError(code="question_too_many_tokens", tokens=tokens,
                                limit=self.settings.max_question_tokens)
        return question

    def retrieve(self, query: str, filters: Filters | None = None, k: int | None = None,
                 mode: str | None = None, vector: np.ndarray | None = None,
                 index: KeywordIndex | None = None, doc_ids: list[str] | None = None) -> list[tuple[str, float]]:
        """Chunk ids with fused scores, best first. ``vector``/``index``: the query vector and keyword index,
        when the caller already has them; ``doc_ids``: only these documents (besides ``filters``)."""
        k = k or self.settings.top_k
        mode = mode or self.settings.retrieval_mode
        where = filter_where(filters or Filters(), self.store.documents()) if filters and not filters.is_empty() else None
        if doc_ids:
            only = {"doc_id": {"$in": doc_ids}}
            where = only if where is None else {"$and": [*where.get("$and", [where]), only]}
        rankings = []
        depth = max(k * 3, 20)
        if mode in ("dense", "hybrid"):
            vec = vector if vector is not None else self.embedder.encode([query], is_query=True)[0]
            rankings.append([i for i, _ in self.store.query_dense(vec, depth, where)])
        if mode in ("bm25", "hybrid"):
            index = index or self.keywords.get(self.store)
            rankings.append([i for i, _ in index.search(query, depth, keyword_mask(where, index))])
        return reciprocal_rank_fusion(rankings, self.settings.rrf_k)[:k]

    def search(self, query: str, filters: Filters | None = None, k: int | None = None) -> list[Citation]:
        """Passages for a query, no answer composed: each chunk cited whole, with its first page."""
        query = self.check_question(query)
        hits = self.retrieve(query, filters, k, index=self.current_index())
        return self.composer.chunk_citations(hits, self.store.get_chunks([i for i, _ in hits]))

    # --- answers --------------------------------------------------------------------------------

    def candidates(self, q: Question, qvec: np.ndarray, hits: list[tuple[str, float]],
                   chunks: dict[str, StoredChunk], index: KeywordIndex) -> list[ex.Candidate]:
        top = hits[0][1] if hits else 1.0
        prior = {i: s / top for i, s in hits}
        sentences = self.store.sentences_of(chunks)
        explains = self.footnotes(sentences, chunks)
        sentences.sort(key=lambda s: (s.chunk_id, s.start))
        docs = self._doc_map()
        firsts = self.store.get_chunks(sorted({chunk_id(c.doc_id, 0) for c in chunks.values()}))
        first_heading = {c.doc_id: c.section for c in firsts.values()}  # a letterhead: who writes
        cands, prev = [], None
        name_terms = set(terms(" ".join(q.salient)))
        # an abbreviation the question uses is said by its long form ("PGA": "persoonsgerichte aanpak")
        aliases = [(set(terms(name)), set(terms(long))) for name, long in q.aliases.items()]
        shape_terms = set(terms(" ".join(shape_words(q.text))))
        # the noun a which-question asks for counts twice ("Voor welke groepen ...": "groep 6, 7 en 8"); measured
        # against once and three times on the dev corpus and the report's sets (eval/README.md)
        weighted = q.query_terms + q.asked_terms * OWN_WEIGHT
        # a number word meets the figure it writes ("de twintig nieuwe gemeenten": "20 gemeenten ..." in a title)
        figures = {t: n for w, n in numerals(q.text, q.lang).items() for t in terms(w)}
        weighted = [figures.get(t, t) for t in weighted]
        for s in with_values(sentences, chunks):
            chunk = chunks[s.chunk_id]
            doc = docs.get(chunk.doc_id)
            ctx = (DocContext(doc.title, chunk.section, doc.date, doc.peildatum, first_heading.get(doc.id)) if doc
                   else DocContext(section=chunk.section))
            block = ex.block_around(chunk.text, s.start, s.start + len(s.text))
            same_block = bool(cands) and cands[-1].chunk_id == s.chunk_id and cands[-1].block == block
            context = prev.text if same_block else ""
            # the subject (a name the question insists on) may stand anywhere in the bullet or paragraph ("Dit doet
            # de RvdK ..."), and what the sentences before it in the bullet said carries over at half weight (they
            # set up the topic this sentence answers about); the rest must stand in the sentence or its heading
            if not same_block or ex.ADDITION.match(s.text):  # "Daarnaast ...": another point
                before: set[str] = set()
            if not same_block:
                block_terms = set(terms(block + " " + ctx.text()))  # a name in the title or heading counts here too
                names_here = name_terms & block_terms
                names_here |= {t for short, long in aliases if long <= block_terms for t in short}
            read = s.text + " " + ctx.text()
            own = set(terms(read)) | names_here
            if figures:
                own |= set(numerals(read).values())
            retrieved, refers = prior.get(s.chunk_id, 0.0), None
            if s.id in explains:  # a footnote speaks of what the sentence that refers to it says, and is found with it
                note = explains[s.id]
                own |= set(terms(note.referrer + " " + (chunks[note.referrer_chunk].section or "")))
                retrieved = max(retrieved, prior.get(note.referrer_chunk, 0.0))
                refers = (note.referrer_chunk, note.referrer_start, note.referrer_start + len(note.referrer))
            own |= {t for short, long in aliases if long <= own for t in short}
            if shape_terms and has_shape(q, s.text):
                own |= shape_terms  # "e-mailadres" is answered by an address, "wanneer" by a date
            lexical = matching.coverage(weighted, own, index, half=before)
            before |= own
            cands.append(ex.Candidate(
                sentence_id=s.id, chunk_id=s.chunk_id, text=s.text, page=s.page, start=s.start,
                end=s.start + len(s.text), context=context, context_start=prev.start if same_block else s.start,
                block=block, dense=float(np.dot(qvec, s.vector)), lexical=lexical, retrieval=retrieved,
                ctx=ctx, refers=refers, lead=lists.announcer(chunk.text, s.start),
            ))
            prev = s
            if same_block:
                cands[-2].next = cands[-1]
        ex.score_candidates(q, cands)
        for c in cands:
            if (q.shape and has_shape(q, c.text)) or c.refers:
                continue  # a line of metadata answers what it gives; a footnote says what its referrer refers to
            if is_field_line(c.text):  # "Den Haag, 7 juli 2023", "Vergaderjaar 2022–2023"
                c.score *= ex.NO_FIGURE_FACTOR ** 2
            elif is_label_line(c.text):  # "Tweede Kamer der Staten-Generaal": a heading or label, no statement
                c.score *= ex.NO_FIGURE_FACTOR
        if self.ranker is not None:  # the learned order; the hand score still decides refusal (compose)
            return self.ranker.order(q, cands, index)
        return sorted(cands, key=lambda c: -c.score)

    def footnotes(self, sentences: list, chunks: dict[str, StoredChunk]) -> dict[str, footnotes.Note]:
        """The footnotes the retrieved sentences refer to (assistant/footnotes.py): per sentence id of a footnote,
        the note, with the sentence referring to it. A footnote in a chunk that was not retrieved is added
        to ``sentences`` (and its chunk to ``chunks``), without the rest of that chunk's sentences."""
        marked = [s for s in sentences if footnotes.MARK.search(s.text)]
        if not marked:
            return {}
        fetched: dict[str, StoredChunk] = {}

        def later(cid: str) -> list[tuple[str, str]]:
            ids = footnotes.later_ids(chunks[cid].doc_id, cid)
            fetched.update(self.store.get_chunks([i for i in ids if i not in chunks and i not in fetched]))
            return [(i, (chunks.get(i) or fetched[i]).text) for i in ids if i in chunks or i in fetched]

        notes = footnotes.notes_for(marked, {i: c.text for i, c in chunks.items()}, later)
        explains: dict[str, footnotes.Note] = {}
        unretrieved: dict[str, list] = {}  # the sentences of a fetched chunk, read once however many notes it holds
        for note in notes:
            if note.chunk_id in fetched and note.chunk_id not in unretrieved:
                chunks[note.chunk_id] = fetched[note.chunk_id]
                unretrieved[note.chunk_id] = self.store.sentences_of({note.chunk_id: fetched[note.chunk_id]})
            pool = unretrieved.get(note.chunk_id) or [s for s in sentences if s.chunk_id == note.chunk_id]
            for s in pool:
                if s.id not in explains and s.start < note.end and s.start + len(s.text) > note.start:
                    explains[s.id] = note  # one of the note's sentences
                    if note.chunk_id in unretrieved:
                        sentences.append(s)
        return explains

    def ask(self, question: str, history: list[Message] | None = None, filters: Filters | None = None, *,
            suggest: bool = True) -> Answer:
        """Answer a question; one that asks two things is answered part by part, the second part as a follow-up
        of the first, in one answer. ``suggest``: with up to three questions its passages answer
        (``assistant.follow_ups``)."""
        t0 = time.perf_counter()
        question = self.check_question(question)
        t1 = time.perf_counter()
        index = self.current_index()  # one version check per question
        timings: dict[str, float] = {"understand": (t1 - t0) * 1e3, "retrieve": (time.perf_counter() - t1) * 1e3}
        parts: list[Answer] = []
        hits: dict[str, float] = {}
        chunks: dict[str, StoredChunk] = {}
        earlier = list(history or [])
        texts = split_question(question)
        # one embedding of the whole question serves every part (the parts differ in their words, which decide
        # between sentences): a two-part question costs about one question, not two (measured: same answers on
        # the eval and regression sets)
        t2 = time.perf_counter()
        whole = self.embedder.encode([question], is_query=True)[0] if len(texts) > 1 else None
        timings["embed"] = (time.perf_counter() - t2) * 1e3
        for k, text in enumerate(texts):
            # the second part is a follow-up of the first, made self-contained from its words (not by the LLM)
            part, part_hits, part_chunks = self.answer_part(text, earlier, filters, index, timings,
                                                            follow_up=k > 0 or None, condense=k == 0, vector=whole)
            parts.append(part)
            hits.update((i, s) for i, s in part_hits if i not in hits)
            chunks.update(part_chunks)
            earlier += [Message(role="user", content=text), Message(role="assistant", content=part.answer)]
        result = parts[0] if len(parts) == 1 else self.composer.merge(question, parts)
        result.timings_ms = timings
        if self.llm is not None and result.answered:
            from assistant.llm import answer_with_llm

            passages = self.composer.chunk_citations(list(hits.items()), chunks)
            result = answer_with_llm(self.llm, question, history or [], result, passages, self.settings.llm_timeout_s)
        if suggest:
            from assistant.follow_ups import suggest as follow_ups

            t3 = time.perf_counter()
            result.suggestions = follow_ups(self, result, list(hits), chunks, filters, index)
            result.timings_ms["suggest"] = (time.perf_counter() - t3) * 1e3
        result.timings_ms = {k: round(v, 1) for k, v in result.timings_ms.items()}
        result.timings_ms["total"] = round((time.perf_counter() - t0) * 1e3, 1)
        return result

    def documents_dated(self, refs: list[TimeRef]) -> list[str]:
        """The ids of the documents dated at one of these times; where a time says the kind of document ("de monitor
        van 2024"), those of that kind, if any is dated then."""
        docs = self.store.documents(cached=True)
        found: list[str] = []
        for r in refs:
            dated = [d for d in docs if matches_date(r, d.date)]
            found += [d.id for d in ([d for d in dated if r.kind and of_kind(d, r.kind)] or dated) if d.id not in found]
        return found

    def documents_meant(self, q: Question) -> list[str]:
        """The documents the question says it means: by their date ("volgens de brief van juli 2023"), or as the
        first or latest of a kind ("de eerste brief"); empty when it names none that is here."""
        return self.documents_dated([r for r in q.times if r.of_document]) or self.edge_documents(q)

    def documents_of_time(self, q: Question) -> list[str]:
        """The documents dated at a time the question names, when that is some of the documents, not all."""
        timed = self.documents_dated(q.times)
        return timed if len(timed) < len(self.store.documents(cached=True)) else []

    def edge_documents(self, q: Question) -> list[str]:
        """The first or the latest document of the kind the question names ("de eerste brief van de ministers", "de
        meest recente brief aan de Kamer"): of the documents whose kind or title says that word (a letter to the
        Kamer: a Kamerbrief), the oldest or newest by date; empty when the question names none or none is dated."""
        edge = edge_document(q.query)  # a follow-up ("en van wanneer is die?") means what its question meant
        if edge is None:
            return []
        when, word = edge
        if word == "brief" and re.search(r"\b(kamer|parliament)\b", q.query, re.I):
            word = "kamerbrief"
        docs = [d for d in self.store.documents(cached=True) if d.date and of_kind(d, word)]
        if not docs:
            return []
        pick = min if when == "old" else max
        return [pick(docs, key=lambda d: d.date).id]

    def nth_absent(self, q: Question) -> str | None:
        """The n-th document of a kind the question means ("the third monitor"), when no document here is it: none
        that says it is ("Dit is de tweede monitor") and fewer than n of that kind; None when it is here or none is
        meant."""
        found = nth_document(q.query)
        if found is None:
            return None
        n, word = found
        docs = [d for d in self.store.documents(cached=True) if of_kind(d, word)]
        if len([d for d in docs if d.date]) >= n:
            return None
        said = f"{ORDINAL_NL[n]} {word}"
        for d in docs:
            opening = self.store.get_chunks([chunk_id(d.id, i) for i in range(3)])
            if any(said in c.text.lower() for c in opening.values()):
                return None
        return NTH.search(q.query).group()

    def answer_part(self, text: str, history: list[Message], filters: Filters | None, index: KeywordIndex,
                    timings: dict[str, float], follow_up: bool | None = None, condense: bool = True,
                    vector: np.ndarray | None = None) -> tuple[Answer, list[tuple[str, float]], dict[str, StoredChunk]]:
        """The extractive answer to one question, with its retrieved chunks; adds to ``timings``. With an LLM and
        ``condense``, a follow-up's query is condensed by the LLM. ``vector``: the query's embedding, if known."""
        t0 = time.perf_counter()
        q = understand(text, history, follow_up)
        if condense and history and self.llm is not None and q.query != q.text:
            from assistant.llm import condense_question

            q.query = condense_question(self.llm, history, text, self.settings.llm_timeout_s)
        t1 = time.perf_counter()
        if absent := self.nth_absent(q):  # "the third monitor", where the documents hold two: nothing to retrieve
            timings["understand"] = timings.get("understand", 0.0) + (t1 - t0) * 1e3
            return self.composer.no_document(q, absent), [], {}
        qvec = vector if vector is not None else self.embedder.encode([q.query], is_query=True)[0]
        t2 = time.perf_counter()
        # "volgens de brief van juli 2023", "de eerste brief": retrieval among the documents meant, when there are any
        dated = q.documents = self.documents_meant(q)
        hits = self.retrieve(q.query, filters, vector=qvec, index=index, doc_ids=dated or None)
        if not dated and (timed := self.documents_of_time(q)):
            # "lerende netwerken in juli 2023": the documents of that date speak of that time, though the question
            # does not say it means them; their best passages are searched as well (the sentence scores decide)
            known = {i for i, _ in hits}
            hits += [(i, s) for i, s in self.retrieve(q.query, filters, k=max(1, self.settings.top_k // 2),
                                                      vector=qvec, index=index, doc_ids=timed) if i not in known]
        chunks = self.store.get_chunks([i for i, _ in hits])
        q.aliases = matching.abbreviations(q.salient, [c.text for c in chunks.values()])
        t3 = time.perf_counter()
        answer = self.composer.compose(q, self.candidates(q, qvec, hits, chunks, index), chunks)
        t4 = time.perf_counter()
        for key, ms in (("understand", t1 - t0), ("embed", t2 - t1), ("retrieve", t3 - t2), ("answer", t4 - t3)):
            timings[key] = timings.get(key, 0.0) + ms * 1e3
        return answer, hits, chunks


def of_kind(doc: DocumentRecord, word: str) -> bool:
    """Whether a document is of the kind a question's word says ("brief", "monitor"): its kind or its title says it."""
    return word in (doc.kind or "") or word in doc.title.lower()


VALUE_WORDS = 3  # a field's value on the line under it: at most this many words, the first a figure or a date


def with_values(sentences: list[StoredSentence], chunks: dict[str, StoredChunk]) -> list[StoredSentence]:
    """The sentences in order, where a field's label stands on a line of its own and its value on the next one ("Ons
    kenmerk" and "5178141", "Datum erkenning" and "13-03-2019": a letterhead, a factsheet's table) the label read
    with its value, as one verbatim span of the chunk (the value's own line stays a sentence as well)."""
    out = []
    for k, s in enumerate(sentences):
        t = sentences[k + 1] if k + 1 < len(sentences) else None
        if t is not None and t.chunk_id == s.chunk_id and is_label_line(s.text, words=4):  # (not "Deelnemers:")
            text = chunks[s.chunk_id].text
            gap = text[s.start + len(s.text):t.start]
            if not gap.strip() and "\n" in gap and len(t.text.split()) <= VALUE_WORDS and t.text[:1].isdigit() \
                    and not re.search(r"\d", s.text):
                s = replace(s, text=text[s.start:t.start + len(t.text)])
        out.append(s)
    return out
