"""Validate eval/sets/devcorpus.jsonl against the fixture documents in eval/devcorpus/documents/.

Checks every line parses, the required fields and tags, that `doc` names a file in documents/, and that every
expected string of an answerable case occurs (case-insensitively, within one line) in the text of
its document (for a case tagged cross-document: of its document or of another fixture it compares
with) as this script extracts it: pypdf for PDFs, python-docx for .docx, an HTML-to-text pass
for .html, the file itself for .txt/.md. The scanned PDF has no text layer; its strings are checked
against the printed lines kept in make_corpus.py. Also checks expected.json covers every document.

Run:  .venv/bin/python eval/devcorpus/check_cases.py [path/to/set.jsonl]
Exit status 1 on any problem.
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SET = HERE.parent / "sets" / "devcorpus.jsonl"
DOCS = HERE / "documents"
SCANNED = {"scan-brief-gemeente-schiedam.pdf"}
DOC_SUFFIXES = {".pdf", ".html", ".docx", ".txt", ".md"}
THEMES = {"onderwijs", "werk-en-inkomen", "persoonlijke-ontwikkeling", "sociaal-netwerk",
          "zorg-en-veiligheid", "criminaliteit-en-re-integratie", "algemeen"}
KINDS = {"figure", "example", "list", "followup", "english", "unanswerable", "near-miss",
         "cross-document", "conflict"}  # conflict: documents disagree; expect_order gives the figures' order
REQUIRED = ("id", "question", "lang", "answerable", "tags", "doc")
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)


class _HTMLText(HTMLParser):
    BLOCK = {"p", "h1", "h2", "h3", "h4", "li", "dt", "dd", "div", "br", "tr", "td", "th", "title",
             "header", "footer", "nav", "article", "main", "section", "ul", "ol", "dl"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data.replace("\n", " "))


def doc_text(path: Path) -> str:
    if path.name in SCANNED:
        sys.path.insert(0, str(HERE))
        import make_corpus  # noqa: E402

        return make_corpus.scan_source_text()
    suf = path.suffix.lower()
    if suf == ".pdf":
        import pypdf

        return "\n".join(p.extract_text() or "" for p in pypdf.PdfReader(str(path)).pages)
    if suf == ".docx":
        import docx

        d = docx.Document(str(path))
        lines = [p.text for p in d.paragraphs]
        for t in d.tables:
            for row in t.rows:
                lines.extend(c.text for c in row.cells)
        return "\n".join(lines)
    if suf == ".html":
        p = _HTMLText()
        p.feed(path.read_text(encoding="utf-8"))
        return "".join(p.parts)
    return path.read_text(encoding="utf-8")


def norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).translate(INVISIBLE).casefold()
    s = re.sub(r"[^\S\n]+", " ", s)  # collapse spaces, keep line breaks
    return "\n".join(line.strip() for line in s.split("\n"))


def main(argv):
    set_path = Path(argv[1]) if len(argv) > 1 else DEFAULT_SET
    problems: list[str] = []
    docs = {p.name: p for p in DOCS.iterdir() if p.suffix.lower() in DOC_SUFFIXES}
    # a PDF's lines wrap inside a sentence ("47\ngemeenten"); the index joins them, so the check does too
    texts = {name: norm(doc_text(p)).replace("\n", " ") for name, p in docs.items()}

    # expected.json covers every document
    exp = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))
    exp_files = {e["file"] for e in exp}
    for name in docs:
        if name not in exp_files:
            problems.append(f"expected.json: no entry for {name}")
    for e in exp:
        if e["file"] not in docs:
            problems.append(f"expected.json: {e['file']} does not exist")
        for k in ("file", "title", "kind", "date", "date_source", "peildatum", "dossier", "number"):
            if k not in e:
                problems.append(f"expected.json: {e.get('file')} lacks {k}")

    ids = Counter()
    cases = []
    for n, line in enumerate(set_path.read_text(encoding="utf-8").split("\n"), 1):
        if not line.strip():
            if n != len(set_path.read_text(encoding="utf-8").split("\n")):
                problems.append(f"line {n}: blank line")
            continue
        try:
            c = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {n}: not JSON ({exc})")
            continue
        cases.append(c)
        cid = c.get("id", f"line {n}")
        ids[cid] += 1
        for k in REQUIRED:
            if k not in c:
                problems.append(f"{cid}: missing {k}")
        if "document" in c:
            problems.append(f"{cid}: uses the retrieval filter field 'document'")
        if ("expect_all" in c) == ("expect_any" in c) and not (c.get("answerable") is False
                                                                 and "expect_all" in c):
            if "expect_all" not in c and "expect_any" not in c:
                problems.append(f"{cid}: needs expect_all or expect_any")
        tags = c.get("tags", [])
        themes = [t for t in tags if t in THEMES]
        if len(themes) != 1:
            problems.append(f"{cid}: needs exactly one theme tag, has {themes}")
        for t in tags:
            if t not in THEMES and t not in KINDS:
                problems.append(f"{cid}: unknown tag {t}")
        if c.get("lang") not in ("nl", "en"):
            problems.append(f"{cid}: lang must be nl or en")
        if (c.get("lang") == "en") != ("english" in tags):
            problems.append(f"{cid}: english tag and lang disagree")
        if bool(c.get("history")) != ("followup" in tags):
            problems.append(f"{cid}: followup tag and history disagree")
        if c.get("history"):
            h = c["history"]
            if h[-1].get("role") != "assistant" or any(x.get("role") not in ("user", "assistant")
                                                       for x in h):
                problems.append(f"{cid}: history must alternate roles and end with the assistant")
        doc = c.get("doc")
        if doc not in docs:
            problems.append(f"{cid}: doc {doc!r} is not a file in {DOCS}")
            continue
        if c.get("answerable") is False:
            if c.get("expect_all") not in ([], None) or c.get("expect_any"):
                problems.append(f"{cid}: unanswerable case with expected strings")
            if "unanswerable" not in tags:
                problems.append(f"{cid}: unanswerable case without the unanswerable tag")
            continue
        if "unanswerable" in tags or "near-miss" in tags:
            problems.append(f"{cid}: answerable case tagged unanswerable/near-miss")
        strings = c.get("expect_all") or c.get("expect_any") or []
        if not strings:
            problems.append(f"{cid}: answerable case without expected strings")
        for s in strings:
            if "\n" in s:
                problems.append(f"{cid}: expected string with a line break: {s!r}")
            if norm(s) in texts[doc]:
                continue
            # a cross-document case may draw strings from the older documents it compares
            if ("cross-document" in tags or "conflict" in tags) and any(norm(s) in t for t in texts.values()):
                continue
            problems.append(f"{cid}: {s!r} not found in {doc}")
        for s in c.get("expect_order", []):
            if not any(norm(s) in t for t in texts.values()):
                problems.append(f"{cid}: expect_order {s!r} is in no document")
        if c.get("expect_order") and "conflict" not in tags:
            problems.append(f"{cid}: expect_order without the conflict tag")
        if "list" in tags and "expect_all" not in c:
            problems.append(f"{cid}: list case should use expect_all")
    for cid, k in ids.items():
        if k > 1:
            problems.append(f"{cid}: id used {k} times")

    tagc = Counter(t for c in cases for t in c.get("tags", []))
    print(f"{len(cases)} cases | nl {sum(c.get('lang') == 'nl' for c in cases)} | "
          f"en {sum(c.get('lang') == 'en' for c in cases)} | answerable "
          f"{sum(bool(c.get('answerable')) for c in cases)}")
    for t, k in sorted(tagc.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {t}: {k}")
    bydoc = Counter(c.get("doc") for c in cases)
    for d in sorted(docs):
        print(f"  doc {d}: {bydoc.get(d, 0)}")
    if problems:
        print(f"\n{len(problems)} problem(s):")
        for p in problems:
            print("  -", p)
        return 1
    print("\nall checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
