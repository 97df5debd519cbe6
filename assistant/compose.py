"""An answer built from scored candidate sentences: the quotes, their numbered citations and the short answer
that leads; a question that asks two things gets its parts merged into one answer.

``Assistant`` (assistant/service.py) retrieves and scores; a ``Composer`` turns that into what the user reads.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from assistant import answer as ex
from assistant import conflicts, letters, lists, matching, publication, shapes, short_answer, superlatives
from assistant.keyword import terms
from assistant.question import Question, language
from assistant.settings import Settings
from assistant.store import Store, StoredChunk
from assistant.types import Answer, Citation, DocumentRecord, Figure
from assistant.wording import TEXTS
from ingest.chunking import chunk_id
from ingest.places import gazetteer

WHOLE_EXAMPLE = 600  # an example's bullet (asked for by name, or which place or person) up to this long is quoted whole


def names_places(items: list[str]) -> bool:
    """Whether a list's items name at least two places (ingest/places.py): a list of municipalities."""
    return len({m.place.name for m in gazetteer().find("; ".join(items))}) >= 2


LIST_LOOKAHEAD = 5  # candidates looked at for one that carries the list asked for
LIST_NEAR = 0.8  # ... within this share of the best one's score


class Composer:
    """Citations and answers over one store's documents."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self.uploads = settings.uploads.resolve()

    def threshold(self, q: Question) -> float:
        """The evidence an answer needs: for a question about the documents it names, or in its language."""
        return self.settings.answer_threshold_for(q.threshold_group)

    def _doc_map(self) -> dict[str, DocumentRecord]:
        return {d.id: d for d in self.store.documents(cached=True)}

    def citation(self, n: int, chunk: StoredChunk, doc: DocumentRecord, quote: str, page: int | None,
                 score: float) -> Citation:
        return Citation(n=n, document=doc.title, document_id=doc.id, kind=doc.kind, date=doc.date, source=doc.source,
                        page=page, section=chunk.section, ocr=bool(doc.ocr_pages and page in doc.ocr_pages), quote=quote,
                        chunk_id=chunk.id, score=round(score, 4), peildatum=doc.peildatum,
                        origin="upload" if self.is_upload(doc) else "corpus")

    def is_upload(self, doc: DocumentRecord) -> bool:
        return Path(doc.path).is_relative_to(self.uploads)

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

    def no_document(self, q: Question, name: str) -> Answer:
        """The refusal for a question about a document that is not here ("the third monitor")."""
        return Answer(question=q.text, answer=TEXTS[q.lang]["no_document"].format(name=name), answered=False,
                      query=q.query)

    def chunk_citations(self, hits: list[tuple[str, float]], chunks: dict[str, StoredChunk]) -> list[Citation]:
        """Whole retrieved chunks as numbered citations (search results; the passages an LLM answers from)."""
        docs = self._doc_map()
        return [self.citation(n, chunks[i], docs[chunks[i].doc_id], chunks[i].text, chunks[i].page_start, s)
                for n, (i, s) in enumerate(hits, start=1) if i in chunks]

    def quote_of(self, c: ex.Candidate, chunk: StoredChunk, q: Question) -> tuple[str, int | None]:
        """The verbatim quote for a candidate: its sentence, plus the previous one when that holds the subject."""
        missing = matching.missing_names(q, c.text)
        needs_context = bool(c.context) and (
            bool(ex.ANAPHORA.match(c.text))
            or (bool(missing) and len(matching.missing_names(q, c.context)) < len(missing)))
        start = c.context_start if needs_context else c.start
        end = c.end
        figure_next = q.kind == "figure" and not ex.number_mentions(q, c.text) and c.next is not None
        if c.next and (ex.ANAPHORA.match(c.next.text) or c.next.score >= 0.85 * c.score or figure_next):
            end = c.next.end
        # a line that announces ("Leerlingen uit de bovenbouw van het basisonderwijs:") is quoted with what it
        # announces ("groep 6, 7 en 8 ..."), and that with it
        spans = [(s, e) for s, e, _ in chunk.spans]
        before = [(s, e) for s, e in spans if e <= start]
        if before and chunk.text[before[-1][0]:before[-1][1]].rstrip().endswith(":"):
            start = before[-1][0]
        after = [(s, e) for s, e in spans if s >= end]
        if after and chunk.text[start:end].rstrip().endswith(":"):
            end = after[0][1]
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

    @staticmethod
    def list_carrier(q: Question, best: ex.Candidate, fitting: list[ex.Candidate], chunks: dict[str, StoredChunk]
                     ) -> tuple[ex.Candidate, tuple[int, int, list[str]]] | None:
        """The near-best sentence (within LIST_NEAR of the best) that announces, begins or stands in a list, with that
        list (`lists.gather`): among the first LIST_LOOKAHEAD; for a question which places ("Welke 20 gemeenten
        ...?"), the first anywhere in that band whose list names at least two municipalities (ingest/places.py),
        then as for any list."""
        near = [c for c in fitting if c.score >= LIST_NEAR * best.score]
        places = ex.places_asked(q)
        names = [n for n in q.salient if not ex.YEAR.match(n)]
        first = None
        for k, c in enumerate(near if places else near[:LIST_LOOKAHEAD]):
            chunk = chunks[c.chunk_id]
            heading_asked = bool(chunk.section) and bool(set(terms(chunk.section)) & set(q.query_terms))
            found = lists.gather(chunk.text, chunk.spans, c.start, c.end, heading_asked)
            if not found:
                continue
            # the subject asked about, where neither title nor heading names it, is one item of the list ("de
            # training Alles Kidzzz ...;" among other interventions): a list of its peers, not of its groups or phases
            elsewhere = [] if places else [n for n in names
                                           if matching.missing_names(replace(q, salient=[n]), c.ctx.text())]
            if any(not matching.missing_names(replace(q, salient=[n]), item) for n in elsewhere for item in found[2]):
                continue
            if not places or names_places(found[2]):
                return c, found
            if first is None and k < LIST_LOOKAHEAD:
                first = (c, found)
        return first

    def compose(self, q: Question, cands: list[ex.Candidate], chunks: dict[str, StoredChunk]) -> Answer:
        texts = TEXTS[q.lang]
        docs = self._doc_map()
        if q.shape in ("date", "day"):  # the line stating a document's date answers when it was published only
            phrases = {i: publication.date_phrases(docs[c.doc_id].date) for i, c in chunks.items()}
            if publication.asks_publication(q):
                publication.prefer_publication_date(q, cands, phrases)
            else:
                publication.demote_datelines(q, cands, phrases)
            cands = sorted(cands, key=lambda c: -c.score)
        # the best candidate that mentions every name/year the question insists on, at the time it asks about
        fitting = [c for c in cands if ex.fits(q, c)]
        if letters.asks_signatory(q.text) and (signed := self.signed(q, fitting, chunks, docs)):
            return signed
        if (top := superlatives.pick(q, fitting)) and top.row.score >= self.threshold(q):  # which row has the most
            quote, page = self.quote_of(top.row, chunks[top.row.chunk_id], q)
            cited = self.citation(1, chunks[top.row.chunk_id], docs[chunks[top.row.chunk_id].doc_id], quote, page,
                                  top.row.score)
            lead = f"{top.name} ({top.header}: {top.value}) [1]"
            return Answer(question=q.text, answer=f"{lead}\n\n> “{cited.quote}” [1]", answered=True, lead=lead,
                          citations=[cited], query=q.query, evidence=top.row.score)
        best = fitting[0] if fitting else None
        gathered = None  # (start, end, items) of the list the best sentence announces or stands in
        if q.kind == "list" and best is not None:  # a list asked for: the near-best sentence that carries one
            carrier = self.list_carrier(q, best, fitting, chunks)
            if carrier is not None:
                best, gathered = carrier
            else:  # or the near-best sentence that announces numbered sub-sections ("op verschillende niveaus
                # begeleid", then "1. Positieve ondersteuning", "2. ..."): their headings are the list
                best = next((c for c in fitting[:LIST_LOOKAHEAD] if c.score >= LIST_NEAR * best.score
                             and self.numbered_subsections(chunks[c.chunk_id])), best)
            fitting = [best] + [f for f in fitting if f is not best]
        threshold = self.threshold(q)
        why = self.no_answer(q, best, fitting, gathered, threshold)
        if best is None or best.score < threshold or why:
            around = " ".join(c.block + " " + c.ctx.text() for c in cands[:5])
            missing = matching.missing_names(q, around) if cands else []
            reason = texts["refuse"] + (" " + texts["missing"].format(names=", ".join(missing)) if missing else "")
            shown = cands[:3]
            if why:  # the passage that speaks of it first, then why it is no answer
                reason = why
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
        if best.refers and not gathered:  # a footnote: quoted with the sentence that refers to it, which it explains
            cid, lo, hi = best.refers
            chunk = chunks[cid]
            page = next((p for s, e, p in chunk.spans if s <= lo < e), chunk.page_start)
            ref = self.citation(2, chunk, docs[chunk.doc_id], chunk.text[lo:hi], page, best.score)
            rest = [c for c in citations[1:] if not (c.chunk_id == cid and ref.quote in c.quote)]
            citations = citations[:1] + [ref] + [c.model_copy(update={"n": n}) for n, c in enumerate(rest, start=3)]
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
            phrased = [(c.lexical, phrase) for c in quoted if (phrase := short_answer.direct_answer(q, c.text))]
            direct = (max(phrased, key=lambda p: p[0])[1] if phrased
                      else short_answer.direct_answer(q, citations[0].quote))
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
        figures, conflict = [], False
        if not gathered and lead and conflicts.applies(q):  # other documents' figures for the same thing
            found = self.disagreement(q, best, cands, fitting, chunks, docs)
            if found:
                lead, citations, figures, conflict = found
        quotes = "\n".join(f"> “{c.quote}” [{c.n}]" for c in citations)
        return Answer(question=q.text, answer=f"{lead or texts['lead']}\n\n{quotes}", answered=True, lead=lead,
                      citations=citations, query=q.query, evidence=best.score, conflict=conflict, figures=figures)

    @staticmethod
    def no_answer(q: Question, best: ex.Candidate | None, fitting: list[ex.Candidate],
                  gathered: tuple[int, int, list[str]] | None, threshold: float) -> str:
        """Why the best sentence is no answer although it speaks of what is asked, or "": it gives no figure of what
        is counted; none of the passages gives the measure asked for (a percentage, a day ...); it names no place
        where places are asked; it names the one asked about only among its peers ("onder meer Arnhem, Heerlen en
        Lelystad")."""
        texts = TEXTS[q.lang]
        if best is None:
            return ""
        if ex.figure_missing(q, best, fitting):
            return texts["no_figure"]
        if best.score < threshold:
            return ""
        if (what := shapes.unmet(q, fitting)) is not None:
            return texts["no_shape"].format(what=what[q.lang])
        listed = bool(gathered) and names_places(gathered[2])  # or in the list the best sentence announces
        if not listed and ex.places_missing(q, best):
            return texts["no_names"]
        if not gathered and not ex.asks_of_group(q) and (peers := matching.only_among_peers(q, best.text)):
            return texts["peers"].format(names=", ".join(peers))
        return ""

    def signed(self, q: Question, fitting: list[ex.Candidate], chunks: dict[str, StoredChunk],
               docs: dict[str, DocumentRecord]) -> Answer | None:
        """Who signed it: the signature block at the end (its last two chunks) of the document of the best fitting
        sentences that has one, among the first three documents; a document counts when the question names its date
        or its sentence reaches the answer threshold. None when none has a signature."""
        threshold = self.threshold(q)
        dated = any(r.of_document for r in q.times)
        seen: list[str] = []
        for c in fitting:
            doc = docs[chunks[c.chunk_id].doc_id]
            if doc.id in seen:
                continue
            seen.append(doc.id)
            if len(seen) > 3:
                break
            if not (dated or c.score >= threshold):
                continue
            ends = self.store.get_chunks([chunk_id(doc.id, k) for k in range(max(0, doc.chunks - 2), doc.chunks)])
            for chunk in sorted(ends.values(), key=lambda e: e.id, reverse=True):
                found = letters.signatures(chunk.text)
                if not found and (closing := letters.unnamed_closing(chunk.text)):  # signed by hand: no names
                    roles = ", ".join(r.strip() for r in closing.group().split(",") if r.strip())
                    page = next((p for s, e, p in chunk.spans if s <= closing.start() < e), chunk.page_start)
                    shown = self.citation(1, chunk, doc, closing.group().strip(), page, c.score)
                    return Answer(question=q.text, answer=TEXTS[q.lang]["unnamed"].format(roles=roles),
                                  answered=False, related=[shown], query=q.query, evidence=c.score)
                if not found:
                    continue
                # the one whose role the question names ("Welke minister van Justitie en Veiligheid ..."), if any
                found = [s for s in found if s.role.lower().removeprefix("de ") in q.text.lower()] or found
                lo, hi = found[0].start, found[-1].end
                page = next((p for s, e, p in chunk.spans if s <= lo < e), chunk.page_start)
                cited = self.citation(1, chunk, doc, chunk.text[lo:hi], page, c.score)
                lead = "; ".join(f"{s.name} ({s.role})" for s in found) + " [1]"
                return Answer(question=q.text, answer=f"{lead}\n\n> “{cited.quote}” [1]", answered=True, lead=lead,
                              citations=[cited], query=q.query, evidence=c.score)
        return None

    def disagreement(self, q: Question, best: ex.Candidate, cands: list[ex.Candidate], fitting: list[ex.Candidate],
                     chunks: dict[str, StoredChunk], docs: dict[str, DocumentRecord]):
        """(lead, citations, figures, conflict) when other documents give a figure for what was asked (assistant/
        conflicts.py); None when only the best sentence's document does."""
        band = self.settings.agree_band
        claims = conflicts.find(q, best, fitting, docs, band, self.is_upload)
        if len(claims) < 2 and not q.times:
            return None
        newer = []
        if q.times and claims:  # the figure of the time asked for; a newer one the documents give, said after it
            # the time's words ("juni 2024") credit its own document, which other documents' dates cannot earn:
            # a newer figure is looked for in the band squared
            loose = replace(q, times=[])
            newer = conflicts.find(loose, best, [c for c in cands if ex.fits(loose, c)], docs, band ** 2,
                                   self.is_upload)
        shown, how = conflicts.plan(q, claims, newer)
        if not how and not any(c.also for c in shown):
            return None
        citations: list[Citation] = []
        numbers: list[list[int]] = []
        for claim in shown:
            refs = []
            for c in [claim.cand, *claim.also]:
                quote, page = self.quote_of(c, chunks[c.chunk_id], q)
                held = next((cit.n for cit in citations if cit.chunk_id == c.chunk_id and c.text in cit.quote), None)
                if held is not None:  # quoted already, with the sentence of another figure: cited again, not twice
                    refs.append(held)
                    continue
                citations.append(self.citation(len(citations) + 1, chunks[c.chunk_id], docs[chunks[c.chunk_id].doc_id],
                                               quote, page, c.score))
                refs.append(len(citations))
            numbers.append(refs)
        figures = [Figure(value=c.value, date=c.doc.date, peildatum=c.doc.peildatum, document=c.doc.title,
                          document_id=c.doc.id, origin="upload" if c.upload else "corpus", citations=refs)
                   for c, refs in zip(shown, numbers, strict=True)] if how else []
        return conflicts.lead(q, shown, how, numbers), citations, figures, how in ("conflict", "timeline", "time")
