"""The assistant: the one core object the CLI, the HTTP API, Gradio and the eval call."""

from __future__ import annotations

import re
import threading
import time
import unicodedata
from functools import cached_property
from pathlib import Path

import numpy as np

from assistant import answer as ex
from assistant import lists
from assistant.context import DocContext, is_field_line, matches_date
from assistant.embedding import make_embedder
from assistant.errors import QuestionError
from assistant.keyword import KeywordCache, KeywordIndex, keyword_dir, terms
from assistant.question import Question, language, shape_words, split_question, understand
from assistant.retrieval import filter_where, keyword_mask, reciprocal_rank_fusion
from assistant.settings import Settings
from assistant.store import Store, StoredChunk
from assistant.types import Answer, Citation, DocumentInfo, DocumentRecord, Filters, Message

WHOLE_EXAMPLE = 600  # an example's bullet (asked for by name, or which place or person) up to this long is quoted whole

TEXTS = {
    "nl": {
        "refuse": "Dat staat niet in de documenten: ik vond geen passage die deze vraag beantwoordt.",
        "missing": "De gevonden passages noemen {names} niet.",
        "related": "Verwante passages staan hieronder, maar zijn geen antwoord.",
        "lead": "Volgens de documenten:",
        "no_figure": "Dat staat niet in de documenten: de passage die hierover gaat, noemt geen aantal.",
        "no_names": "Dat staat niet in de documenten: de passage die hierover gaat, noemt geen gemeenten of plaatsen bij naam.",
        "part_refused": "dit deel van de vraag staat niet in de documenten",
        "see": "zie {refs}",
    },
    "en": {
        "refuse": "The documents do not say: I found no passage that answers this question.",
        "missing": "The passages found do not mention {names}.",
        "related": "Related passages are listed below; they are not an answer.",
        "lead": "According to the documents (quoted in Dutch):",
        "no_figure": "The documents do not say: the passage about this gives no figure.",
        "no_names": "The documents do not say: the passage about this names no municipality or place.",
        "part_refused": "the documents do not answer this part of the question",
        "see": "see {refs}",
    },
}


LIST_LOOKAHEAD = 5  # candidates looked at for one that carries the list asked for
LIST_NEAR = 0.8  # ... within this share of the best one's score


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

    def citation(self, n: int, chunk: StoredChunk, doc: DocumentRecord, quote: str, page: int | None,
                 score: float) -> Citation:
        return Citation(n=n, document=doc.title, document_id=doc.id, kind=doc.kind, date=doc.date, source=doc.source,
                        page=page, section=chunk.section, ocr=bool(doc.ocr_pages and page in doc.ocr_pages), quote=quote,
                        chunk_id=chunk.id, score=round(score, 4))

    def search(self, query: str, filters: Filters | None = None, k: int | None = None) -> list[Citation]:
        """Passages for a query, no answer composed: each chunk cited whole, with its first page."""
        query = self.check_question(query)
        hits = self.retrieve(query, filters, k, index=self.current_index())
        return self.chunk_citations(hits, self.store.get_chunks([i for i, _ in hits]))

    # --- answers --------------------------------------------------------------------------------

    def candidates(self, q: Question, qvec: np.ndarray, hits: list[tuple[str, float]],
                   chunks: dict[str, StoredChunk], index: KeywordIndex) -> list[ex.Candidate]:
        top = hits[0][1] if hits else 1.0
        prior = {i: s / top for i, s in hits}
        sentences = sorted(self.store.sentences_of(chunks), key=lambda s: (s.chunk_id, s.start))
        docs = self._doc_map()
        cands, prev = [], None
        name_terms = set(terms(" ".join(q.salient)))
        # an abbreviation the question uses is said by its long form ("PGA": "persoonsgerichte aanpak")
        aliases = [(set(terms(name)), set(terms(long))) for name, long in q.aliases.items()]
        shape_terms = set(terms(" ".join(shape_words(q.text))))
        for s in sentences:
            chunk = chunks[s.chunk_id]
            doc = docs.get(chunk.doc_id)
            ctx = DocContext(doc.title, chunk.section, doc.date, doc.peildatum) if doc else DocContext(section=chunk.section)
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
            own = set(terms(s.text + " " + ctx.text())) | names_here
            own |= {t for short, long in aliases if long <= own for t in short}
            if shape_terms and ex.has_shape(q, s.text):
                own |= shape_terms  # "e-mailadres" is answered by an address, "wanneer" by a date
            lexical = ex.coverage(q.query_terms, own, index, half=before)
            before |= own
            cands.append(ex.Candidate(
                sentence_id=s.id, chunk_id=s.chunk_id, text=s.text, page=s.page, start=s.start,
                end=s.start + len(s.text), context=context, context_start=prev.start if same_block else s.start,
                block=block, dense=float(np.dot(qvec, s.vector)), lexical=lexical, retrieval=prior.get(s.chunk_id, 0.0),
                ctx=ctx,
            ))
            prev = s
            if same_block:
                cands[-2].next = cands[-1]
        ex.score_candidates(q, cands)
        for c in cands:
            # "Den Haag, 7 juli 2023", "Vergaderjaar 2022–2023": a line of metadata answers only what it gives
            if is_field_line(c.text) and not (q.shape and ex.has_shape(q, c.text)):
                c.score *= ex.NO_FIGURE_FACTOR ** 2
        return sorted(cands, key=lambda c: -c.score)

    def ask(self, question: str, history: list[Message] | None = None, filters: Filters | None = None) -> Answer:
        """Answer a question; one that asks two things is answered part by part, the second part as a follow-up
        of the first, in one answer."""
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
        result = parts[0] if len(parts) == 1 else self.merge(question, parts)
        result.timings_ms = timings
        if self.llm is not None and result.answered:
            from assistant.llm import answer_with_llm

            passages = self.chunk_citations(list(hits.items()), chunks)
            result = answer_with_llm(self.llm, question, history or [], result, passages, self.settings.llm_timeout_s)
        result.timings_ms = {k: round(v, 1) for k, v in result.timings_ms.items()}
        result.timings_ms["total"] = round((time.perf_counter() - t0) * 1e3, 1)
        return result

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
        qvec = vector if vector is not None else self.embedder.encode([q.query], is_query=True)[0]
        t2 = time.perf_counter()
        # "volgens de brief van juli 2023": retrieval among the documents of that date, when there are any
        meant = [r for r in q.times if r.of_document]
        dated = [d.id for d in self.store.documents(cached=True) if any(matches_date(r, d.date) for r in meant)]
        hits = self.retrieve(q.query, filters, vector=qvec, index=index, doc_ids=dated or None)
        chunks = self.store.get_chunks([i for i, _ in hits])
        q.aliases = ex.abbreviations(q.salient, [c.text for c in chunks.values()])
        t3 = time.perf_counter()
        answer = self.compose(q, self.candidates(q, qvec, hits, chunks, index), chunks)
        t4 = time.perf_counter()
        for key, ms in (("understand", t1 - t0), ("embed", t2 - t1), ("retrieve", t3 - t2), ("answer", t4 - t3)):
            timings[key] = timings.get(key, 0.0) + ms * 1e3
        return answer, hits, chunks

    def merge(self, question: str, parts: list[Answer]) -> Answer:
        """One answer to a question that asks two things: the parts' direct answers in order, then every quote once,
        numbered on; a part the documents do not answer says so."""
        texts = TEXTS[language(question)]
        if not any(p.answered for p in parts):
            related = [c.model_copy(update={"n": n}) for n, c in enumerate((c for p in parts for c in p.related), 1)]
            return parts[0].model_copy(update={"question": question, "related": related[:5]})
        citations: list[Citation] = []
        heads: list[str] = []
        pointers: set[str] = set()  # heads that only point at quotes ("zie [1]")
        for part in parts:
            numbers: dict[int, int] = {}
            for c in part.citations:  # a quote already given, or inside one given, keeps its number
                k = next((k for k, o in enumerate(citations) if o.chunk_id == c.chunk_id
                          and (c.quote in o.quote or o.quote in c.quote)), None)
                if k is None:
                    citations.append(c.model_copy(update={"n": len(citations) + 1}))
                    k = len(citations) - 1
                elif len(c.quote) > len(citations[k].quote):
                    citations[k] = c.model_copy(update={"n": citations[k].n})
                numbers[c.n] = citations[k].n
            if not part.answered:
                head = texts["part_refused"]
            elif part.lead is None:  # quotes without a short answer ("Volgens de documenten:"): point at them
                head = texts["see"].format(refs=" ".join(f"[{n}]" for n in dict.fromkeys(numbers.values())))
                pointers.add(head)
            else:
                head = re.sub(r"\[(\d+)\]", lambda m: f"[{numbers.get(int(m.group(1)), m.group(1))}]", part.lead)
            if head not in heads:  # both parts answered by the same passage: say it once
                heads.append(head)
        # "zie [1]" for a part whose passages another part's short answer cites already says nothing more
        cited = {ref for h in heads if h not in pointers for ref in re.findall(r"\[\d+\]", h)}
        heads = [h for h in heads if not (h in pointers and set(re.findall(r"\[\d+\]", h)) <= cited)]
        # nor does a short answer that another one holds ("2022 [1]" after "ECORYS, 2022 [1]")
        heads = [h for h in heads if not any(h != o and h.split(" [")[0] in o.split(" [")[0] for o in heads)]
        quotes = "\n".join(f"> “{c.quote}” [{c.n}]" for c in citations)
        evidence = [p.evidence for p in parts if p.answered and p.evidence is not None]
        lead = "; ".join(heads)
        return Answer(question=question, answer=f"{lead}\n\n{quotes}", answered=True, lead=lead, citations=citations,
                      query=" | ".join(p.query or "" for p in parts), evidence=min(evidence) if evidence else None)

    def chunk_citations(self, hits: list[tuple[str, float]], chunks: dict[str, StoredChunk]) -> list[Citation]:
        """Whole retrieved chunks as numbered citations (search results; the passages an LLM answers from)."""
        docs = self._doc_map()
        return [self.citation(n, chunks[i], docs[chunks[i].doc_id], chunks[i].text, chunks[i].page_start, s)
                for n, (i, s) in enumerate(hits, start=1) if i in chunks]

    def quote_of(self, c: ex.Candidate, chunk: StoredChunk, q: Question) -> tuple[str, int | None]:
        """The verbatim quote for a candidate: its sentence, plus the previous one when that holds the subject."""
        missing = ex.missing_names(q, c.text)
        needs_context = bool(c.context) and (
            bool(ex.ANAPHORA.match(c.text)) or (bool(missing) and len(ex.missing_names(q, c.context)) < len(missing)))
        start = c.context_start if needs_context else c.start
        end = c.end
        figure_next = q.kind == "figure" and not ex.number_mentions(q, c.text) and c.next is not None
        if c.next and (ex.ANAPHORA.match(c.next.text) or c.next.score >= 0.85 * c.score or figure_next):
            end = c.next.end
        if q.kind == "other" and (q.salient or q.shape in ("place", "person")) and len(c.block) <= WHOLE_EXAMPLE:
            # an example the question names ("de Utrechtse proeftuin"): its whole bullet, what it is and for whom; an
            # example asked for by what it does ("Welke gemeente heeft een banenmarkt?"): the bullet that names it
            lo = chunk.text.find(c.block, max(0, c.start - len(c.block)))
            if 0 <= lo <= c.start:
                start, end = lo + len(c.block) - len(c.block.lstrip("-• ")), max(end, lo + len(c.block.rstrip()))
        page = next((p for s, e, p in chunk.spans if s >= start), c.page) if start != c.start else c.page
        return chunk.text[start:end], page

    def numbered_subsections(self, chunk: StoredChunk, limit: int = 12) -> list[StoredChunk]:
        """The chunks of the sub-sections numbered 1, 2, 3 ... that follow ``chunk`` in its document (their first
        chunk each); empty when fewer than two follow."""
        doc_id, _, index = chunk.id.rpartition(":")
        if not index.isdigit():
            return []
        ids = [f"{doc_id}:{int(index) + k:0{len(index)}d}" for k in range(1, limit + 1)]
        following = self.store.get_chunks(ids)
        found: list[StoredChunk] = []
        for i in ids:
            nxt = following.get(i)
            m = ex.NUMBERED.match(nxt.section or "") if nxt else None
            if m and int(m.group(1)) == len(found) + 1:
                found.append(nxt)
            elif not (nxt and found and nxt.section == found[-1].section):  # a sub-section's second chunk
                break
        return found if len(found) >= 2 else []

    def compose(self, q: Question, cands: list[ex.Candidate], chunks: dict[str, StoredChunk]) -> Answer:
        texts = TEXTS[q.lang]
        docs = self._doc_map()
        if ex.asks_publication(q):
            ex.prefer_publication_date(q, cands, {i: ex.date_phrases(docs[c.doc_id].date) for i, c in chunks.items()})
        # the best candidate that mentions every name/year the question insists on, at the time it asks about
        fitting = [c for c in cands if ex.fits(q, c)]
        best = fitting[0] if fitting else None
        gathered = None  # (start, end, items) of the list the best sentence announces or stands in
        if q.kind == "list" and best is not None:  # a list asked for: the near-best sentence that carries one
            for c in fitting[:LIST_LOOKAHEAD]:
                if c.score < LIST_NEAR * best.score:
                    break
                gathered = lists.gather(chunks[c.chunk_id].text, chunks[c.chunk_id].spans, c.start, c.end)
                if gathered:
                    if c is not best:
                        best, fitting = c, [c] + [f for f in fitting if f is not c]
                    break
        threshold = self.settings.answer_threshold_en if q.lang == "en" else self.settings.answer_threshold
        no_figure = best is not None and ex.figure_missing(q, best, fitting)
        no_names = best is not None and best.score >= threshold and not no_figure and ex.places_missing(q, best)
        answered = best is not None and best.score >= threshold and not no_figure and not no_names
        if not answered:
            missing = ex.missing_names(q, " ".join(c.block for c in cands[:5])) if cands else []
            reason = texts["refuse"] + (" " + texts["missing"].format(names=", ".join(missing)) if missing else "")
            shown = cands[:3]
            if no_figure or no_names:  # the passage that speaks of it first, then why it is no answer
                reason = texts["no_figure" if no_figure else "no_names"]
                shown = sorted(fitting, key=lambda c: -c.topical)[:3]
            related = []
            for c in shown:
                quote, page = self.quote_of(c, chunks[c.chunk_id], q)
                related.append(self.citation(len(related) + 1, chunks[c.chunk_id], docs[chunks[c.chunk_id].doc_id],
                                             quote, page, c.score))
            return Answer(question=q.text, answer=f"{reason} {texts['related'] if related else ''}".strip(),
                          answered=False, related=related, query=q.query, evidence=best.score if best else None)
        citations: list[Citation] = []
        for c in [best] + [c for c in cands if c is not best and c.score >= 0.93 * best.score]:
            if len(citations) == 2 or not ex.fits(q, c):
                continue
            if any(c.chunk_id == cit.chunk_id and c.text in cit.quote for cit in citations):
                continue  # already quoted with the best sentence
            quote, page = self.quote_of(c, chunks[c.chunk_id], q)
            cited = self.citation(len(citations) + 1, chunks[c.chunk_id], docs[chunks[c.chunk_id].doc_id], quote, page,
                                  c.score)
            held = next((k for k, cit in enumerate(citations) if cit.chunk_id == c.chunk_id and cit.quote in quote), None)
            if held is None:
                citations.append(cited)
            else:  # its quote (with the sentence before or after it) holds an earlier one: one longer quote, not two
                citations[held] = cited.model_copy(update={"n": citations[held].n, "score": citations[held].score})
        if gathered:  # an announced list with its items ("... vier subdoelen:" and its bullets): quoted whole
            chunk = chunks[best.chunk_id]
            lo, hi, items = gathered
            page = next((p for s, _, p in chunk.spans if s >= lo), best.page)
            first = self.citation(1, chunk, docs[chunk.doc_id], chunk.text[lo:hi], page, best.score)
            rest = [c for c in citations[1:] if not (c.chunk_id == chunk.id and c.quote in first.quote)]
            citations = [first] + [c.model_copy(update={"n": n}) for n, c in enumerate(rest, start=2)]
            lead = "; ".join(items) + " [1]"
        else:
            # the direct answer comes from the quoted sentence that says most of what was asked: with "Komen er
            # binnenkort nog gemeenten bij?" the quote "... nu in drie gemeenten ingezet. Twee andere gemeenten gaan er
            # binnenkort mee starten." answers "Twee andere gemeenten"
            quoted = [c for c in (best, best.next) if c is not None and c.text in citations[0].quote]
            phrased = [(c.lexical, phrase) for c in quoted if (phrase := ex.direct_answer(q, c.text))]
            direct = max(phrased, key=lambda p: p[0])[1] if phrased else ex.direct_answer(q, citations[0].quote)
            lead = f"{direct} [1]" if direct else None
            subsections = self.numbered_subsections(chunks[best.chunk_id]) if q.kind == "list" and not direct else []
            if subsections:
                # a sentence that announces numbered sub-sections ("op verschillende niveaus begeleid" followed by
                # "1. Positieve ondersteuning", "2. ..."): the list is their headings, each cited with its opening
                citations, items = citations[:1], []
                for n, sub in enumerate(subsections, start=2):
                    start, end, page = sub.spans[0] if sub.spans else (0, len(sub.text), sub.page_start)
                    citations.append(self.citation(n, sub, docs[sub.doc_id], sub.text[start:end], page, best.score))
                    items.append(f"{ex.NUMBERED.match(sub.section).group(2)} [{n}]")
                lead = "; ".join(items)
        quotes = "\n".join(f"> “{c.quote}” [{c.n}]" for c in citations)
        return Answer(question=q.text, answer=f"{lead or texts['lead']}\n\n{quotes}", answered=True, lead=lead,
                      citations=citations, query=q.query, evidence=best.score)
