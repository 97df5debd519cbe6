"""`pmg`: the command line. Each command parses input, calls one core function and formats the result.

User errors become one line on stderr and exit status 1 (2 for usage errors, from typer); never a traceback.
"""

from __future__ import annotations

import json
import os
import sys
from functools import wraps
from pathlib import Path
from typing import Annotated, Optional

import typer

from assistant.errors import UserError
from assistant.settings import Settings

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")  # a guard: every model here comes from a local package

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Preventie met Gezag: grounded answers from programme documents.")


@app.callback()
def root() -> None:
    """Preventie met Gezag: grounded answers from programme documents."""


def fail(message: str) -> None:
    typer.echo(f"pmg: {message}", err=True)
    raise typer.Exit(1)


def friendly(func):
    """Turn the core's user errors (and anything unexpected) into one line and exit status 1."""

    @wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except UserError as exc:
            fail(str(exc))
        except Exception as exc:  # noqa: BLE001 - the last line of defence for a user-facing tool
            if os.environ.get("PMG_DEBUG"):
                raise
            fail(f"unexpected error: {type(exc).__name__}: {exc} (set PMG_DEBUG=1 for details)")

    return wrapper


@app.command()
@friendly
def ingest(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Files or folders (default: the corpus folder).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object with the counts and errors.")] = False,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Drop the index first and embed everything again.")] = False,
) -> None:
    """Ingest programme documents into the index (incremental: unchanged files are skipped)."""
    from ingest.pipeline import ingest as run_ingest

    settings = Settings()
    report = run_ingest(paths or [settings.corpus_dir], settings, rebuild=rebuild)
    if as_json:
        typer.echo(report.model_dump_json())
    else:
        typer.echo(
            f"{report.documents} documents, {report.chunks} chunks in the index "
            f"({report.added} added, {report.updated} updated, {report.removed} removed, "
            f"{report.unchanged} unchanged; {report.embedded} chunks embedded)"
        )
        for dup in report.duplicates:
            typer.echo(f"  duplicate: {Path(dup.path).name} has the same bytes as {dup.source} "
                       f"(document {dup.duplicate_of}); not indexed again")
        for warning in report.warnings:
            typer.echo(f"  warning: {warning.error}", err=True)
        for err in report.errors:
            typer.echo(f"  error: {err.error}", err=True)
    if report.errors:
        raise typer.Exit(1)


def format_documents(docs) -> str:
    """One block per document: id and title, then what is known of it (kind, dates, Kamerstuk, size, origin)."""
    if not docs:
        return "No documents in the index."
    lines = []
    for d in docs:
        dated = f"{d.date} ({d.date_source})" if d.date and d.date_source else d.date or "no date"
        facts = [d.kind or "onbekend", dated]
        if d.peildatum:
            facts.append(f"peildatum {d.peildatum}")
        if d.dossier:
            facts.append(f"Kamerstuk {d.dossier}" + (f", nr. {d.number}" if d.number else ""))
        facts.append(f"{d.pages} page{'s' if d.pages != 1 else ''}" if d.pages else "unpaged")
        facts.append(f"{d.chunks} chunks")
        facts.append(d.added_via or "corpus")
        if d.languages:
            facts.append("/".join(d.languages))
        lines.append(f"{d.id}  {d.title}")
        lines.append(f"    {'; '.join(facts)}  [{d.source}" + (f", also {', '.join(d.also_named)}" if d.also_named else "")
                     + (f"; OCR p. {', '.join(map(str, d.ocr_pages))}" if d.ocr_pages else "") + "]")
    return "\n".join(lines)


@app.command()
@friendly
def documents(
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list of the documents (as GET /api/documents).")] = False,
) -> None:
    """List the indexed documents: id, title, kind, date and where it comes from, pages, chunks, origin."""
    from assistant.service import Assistant

    docs = Assistant(Settings()).documents()
    if as_json:
        typer.echo(json.dumps([d.model_dump() for d in docs], ensure_ascii=False))
    else:
        typer.echo(format_documents(docs))


def format_answer(answer) -> str:
    """A readable answer with its numbered sources (or the related passages of a refusal) and its suggested
    questions."""
    lines = [answer.answer, ""]
    if answer.note:
        lines += [f"({answer.note})", ""]
    sources = answer.citations or answer.related
    if sources:
        lines.append("Bronnen:" if answer.answered else "Verwant:")
    for c in sources:
        where = ", ".join(x for x in (f"p. {c.page}" + (" (OCR)" if c.ocr else "") if c.page else None, c.section) if x)
        lines.append(f"  [{c.n}] {c.document} ({c.source}{'; ' + where if where else ''})")
    if answer.suggestions:
        lines += ["", "Ook te vragen:" if answer.answered else "Wel te vragen:"] + [f"  - {q}" for q in answer.suggestions]
    return "\n".join(lines).rstrip()


def _filters(kind: str | None, document: str | None, year_from: int | None, year_to: int | None):
    from assistant.types import Filters

    return Filters(kind=kind, document=document, year_from=year_from, year_to=year_to)


@app.command()
@friendly
def ask(
    question: Annotated[str, typer.Argument(help="The question, or '-' to read one question per line from stdin.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer as JSON (one object per line with '-').")] = False,
    kind: Annotated[Optional[str], typer.Option("--kind", help="Only documents of this kind.")] = None,
    document: Annotated[Optional[str], typer.Option("--document", help="Only this document (id, file or title).")] = None,
    year_from: Annotated[Optional[int], typer.Option("--from", help="Only documents from this year on.")] = None,
    year_to: Annotated[Optional[int], typer.Option("--to", help="Only documents up to this year.")] = None,
) -> None:
    """Answer a question from the indexed documents, with numbered sources."""
    from assistant.errors import QuestionError
    from assistant.service import Assistant

    assistant = Assistant(Settings())
    filters = _filters(kind, document, year_from, year_to)
    if question != "-":
        answer = assistant.ask(question, filters=filters)
        typer.echo(answer.model_dump_json() if as_json else format_answer(answer))
        return
    failed = False
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            answer = assistant.ask(line.strip(), filters=filters)
            typer.echo(answer.model_dump_json() if as_json else format_answer(answer) + "\n")
        except QuestionError as exc:  # one bad line does not stop the others
            failed = True
            typer.echo(json.dumps({"question": line.strip(), "error": str(exc)}) if as_json else f"pmg: {exc}")
    if failed:
        raise typer.Exit(1)


def format_examples(found) -> str:
    """One block per example: municipality, theme and intervention; figures; the summary; the source."""
    from assistant.catalogue import where

    lines = [found.message]
    for e in found.examples:
        lines += ["", f"[{e.citation.n}] {e.municipality} — {e.theme}" + (f" — {e.intervention}" if e.intervention else "")]
        if e.figures:
            lines.append(f"    {'; '.join(e.figures)}")
        lines += [f"    {e.summary}", f"    {e.citation.document} ({where(e.citation)})"]
    return "\n".join(lines)


@app.command()
@friendly
def examples(
    municipality: Annotated[Optional[str], typer.Option("--municipality", "-m", help="Only this municipality or region (Den Haag, Parkstad ...).")] = None,
    theme: Annotated[Optional[str], typer.Option("--theme", "-t", help="Only this theme (onderwijs, werk en inkomen, persoonlijke en psychologische ontwikkeling, sociale netwerk, criminaliteit en re-integratie, zorg en veiligheid).")] = None,
    query: Annotated[Optional[str], typer.Option("--query", "-q", help="Only examples in which all these words occur.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON GET /api/examples returns.")] = False,
    export: Annotated[Optional[str], typer.Option("--export", help="Print the selection as 'csv' or 'markdown' (with the citations).")] = None,
) -> None:
    """Concrete examples per municipality and theme, with figures and their source (the catalogue built at ingest)."""
    from assistant import catalogue
    from assistant.service import Assistant

    if export not in (None, "csv", "markdown"):
        raise UserError(f"--export takes 'csv' or 'markdown', not '{export}'.")
    found = catalogue.select(Assistant(Settings()).store, municipality, theme, query)
    if as_json:
        typer.echo(found.model_dump_json())
    elif export == "csv":
        typer.echo(catalogue.to_csv(found.examples), nl=False)
    elif export == "markdown":
        typer.echo(catalogue.to_markdown(found.examples), nl=False)
    else:
        typer.echo(format_examples(found))


@app.command()
@friendly
def feedback(
    file: Annotated[Optional[Path], typer.Argument(help="A feedback file (default: PMG_FEEDBACK_FILE, <index>/feedback.jsonl).")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", help="Write the cases to this JSON Lines file (e.g. eval/sets/feedback.jsonl) instead of printing them.")] = None,
) -> None:
    """The chat's feedback as eval cases to finish by hand: "not helpful" first, then "helpful" (tagged, with
    needs_review and the answer's lead to turn into expect_all); `pmg eval --set FILE` reads them."""
    from assistant import feedback as fb

    cases = fb.cases(fb.read(file or Settings().feedback_path))
    if out is None:
        typer.echo(fb.as_lines(cases), nl=False)
    else:
        typer.echo(fb.write_cases(cases, out), err=True)


@app.command()
@friendly
def chat() -> None:
    """An interactive terminal chat; follow-up questions use the earlier turns. Empty line or Ctrl-D ends it."""
    from assistant.errors import QuestionError
    from assistant.service import Assistant
    from assistant.types import Message

    assistant = Assistant(Settings())
    assistant.store  # fail now, not after the first question, when there is no index
    history: list[Message] = []
    typer.echo("Stel een vraag over Preventie met Gezag (lege regel om te stoppen).")
    while True:
        try:
            question = input("> ").strip()
        except EOFError:
            break
        if not question:
            break
        try:
            answer = assistant.ask(question, history=history)
        except QuestionError as exc:
            typer.echo(f"pmg: {exc}")
            continue
        typer.echo(format_answer(answer) + "\n")
        history += [Message(role="user", content=question), Message(role="assistant", content=answer.answer)]


@app.command("eval")
@friendly
def run_eval(
    question_set: Annotated[Optional[str], typer.Option("--set", help="A question file in the eval format, or the name of a set in eval/sets/ (e.g. devcorpus, heldout-3).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the metrics as one JSON object.")] = False,
    report: Annotated[Optional[Path], typer.Option("--report", help="Write a Markdown report (and a PNG chart beside it; by document: the tables and failures per document).")] = None,
    modes: Annotated[Optional[str], typer.Option("--modes", help="Retrieval modes to compare, comma-separated (default hybrid,dense,bm25; with --by-document or --one-out the configured mode).")] = None,
    embedders: Annotated[str, typer.Option("--embedders", help="Also compare these embedders (each gets its own index), e.g. e5,use,st:minilm.")] = "",
    do_calibrate: Annotated[bool, typer.Option("--calibrate", help="Find the answer threshold that makes the most right decisions.")] = False,
    by_document: Annotated[bool, typer.Option("--by-document", help="One row per document the cases name (`doc`), and the totals.")] = False,
    one_out: Annotated[bool, typer.Option("--one-out", help="Leave one document out: the answer thresholds fitted on the other documents' cases score each document's cases.")] = False,
    compare_llm: Annotated[bool, typer.Option("--compare-llm", help="Extractive answers and the local LLM (PMG_LLM_MODEL_PATH, else the packaged test model) side by side: metrics, grounding rejections, latency, tokens/s.")] = False,
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="With --compare-llm: this many cases, spread over the set.")] = None,
) -> None:
    """Run an eval question set and print its metrics per retrieval mode (and embedder), or per document."""
    from eval import runner
    from eval.documents import format_documents, format_one_out, per_document, write_documents_markdown
    from eval.fitting import ThresholdFitter
    from eval.metrics import summarise
    from eval.report import format_table, write_chart, write_markdown
    from assistant.errors import IndexFormatError
    from ingest.pipeline import ingest as run_ingest

    if do_calibrate and one_out:
        raise UserError("--calibrate and --one-out both fit the thresholds: use one of them.")
    settings = Settings()
    path = runner.resolve_set(question_set)
    cases = runner.load_cases(path)
    if compare_llm:
        from eval import compare

        summaries, _, llm_rows, records = compare.run_compare(settings, cases, path.stem, limit)
        if report:
            compare.write_comparison(report, summaries, llm_rows, records, f"Extractive vs local LLM: {path.stem}")
        typer.echo(json.dumps({"summaries": {k: v.model_dump() for k, v in summaries.items()}, "llm": llm_rows,
                               "cases": records}) if as_json else compare.format_comparison(summaries, llm_rows))
        return
    per_doc = by_document or one_out
    modes = modes or (settings.retrieval_mode if per_doc else "hybrid,dense,bm25")
    folders = [settings.corpus_dir] + ([runner.DEVCORPUS_DOCUMENTS] if any(c.doc for c in cases) else [])
    results, summaries, extra, one_outs = {}, {}, {}, {}
    configs = [(m, settings.embedder, settings) for m in modes.split(",") if m]
    for name in [e for e in embedders.split(",") if e and e != settings.embedder]:
        own = settings.model_copy(update={"embedder": name, "index_dir": settings.index_dir / f"eval-{name.replace(':', '-')}"})
        try:
            run_ingest(folders, own)
        except IndexFormatError:  # the eval's own index, from an older version: rebuilt, it is derived
            run_ingest(folders, own, rebuild=True)
        configs.append(("hybrid", name, own))
    for mode, embedder, cfg in configs:
        label = mode if embedder == settings.embedder else f"{mode}/{embedder}"
        if embedder != settings.embedder and mode == "hybrid":
            label = embedder
        cfg = cfg.model_copy(update={"retrieval_mode": mode})
        runner.require_documents(runner.assistant_for(cfg), cases, path.stem)
        if one_out:
            one_outs[label] = runner.run_one_out(cfg, cases, ThresholdFitter(), label)
            if not by_document:
                results[label], summaries[label] = one_outs[label].pooled, summarise(one_outs[label].pooled)
                continue
        overrides = {}
        if do_calibrate:
            res, _ = runner.run_cases(runner.assistant_for(ThresholdFitter().recording(cfg)), cases, label)
            fitted, right = runner.calibrate(res)
            overrides |= fitted.model_dump()
            extra[label] = {"calibrated_threshold": fitted.answer_threshold,
                            "calibrated_threshold_en": fitted.answer_threshold_en,
                            "calibrated_threshold_document": fitted.answer_threshold_document,
                            "right_decisions": right, "cases": len(cases)}
        res, _ = runner.run_cases(runner.assistant_for(cfg, **overrides), cases, label)
        results[label], summaries[label] = res, summarise(res)
    if report and per_doc:
        for label in results:
            target = report if len(results) == 1 else report.with_stem(f"{report.stem}-{label.replace('/', '-')}")
            write_documents_markdown(target, label, results[label], one_outs.get(label),
                                     title=f"Eval report by document: {path.stem}")
    elif report:
        write_markdown(report, summaries, results, title="Eval report")
        write_chart(report.with_suffix(".png"), summaries, results)
    if as_json:
        out = {k: v.model_dump() | extra.get(k, {}) for k, v in summaries.items()}
        for label in out:
            if by_document:
                out[label]["by_document"] = {d: s.model_dump() for d, s in per_document(results[label]).items()}
            if label in one_outs:
                o = one_outs[label]
                out[label]["one_out"] = {"fitter": o.fitter, "fitted_on_all": o.fitted_on_all,
                                         "in_sample": summarise(o.in_sample).model_dump(),
                                         "folds": [{"doc": f.doc, "params": f.params, "asked_again": f.asked_again,
                                                    **summarise(f.results).model_dump()} for f in o.folds]}
        typer.echo(json.dumps(out))
        return
    for label in results:
        if by_document:
            typer.echo(f"{label}: per document ({path.stem})\n{format_documents(per_document(results[label]))}\n")
        if label in one_outs:
            typer.echo(f"{label}: leave one document out ({path.stem})\n{format_one_out(one_outs[label])}\n")
    if not per_doc:
        typer.echo(format_table(summaries))
    for label, info in extra.items():
        typer.echo(f"{label}: calibrated answer thresholds nl {info['calibrated_threshold']}, "
                   f"en {info['calibrated_threshold_en']}, a named document {info['calibrated_threshold_document']} "
                   f"({info['right_decisions']}/{info['cases']} right decisions)")


@app.command()
@friendly
def serve(
    host: Annotated[Optional[str], typer.Option("--host", help="Address to bind (default 127.0.0.1, PMG_HOST).")] = None,
    port: Annotated[Optional[int], typer.Option("--port", help="Port to listen on (default 8000, PMG_PORT).")] = None,
) -> None:
    """Serve the chat (at /), the OpenAI-compatible API (/v1), the JSON API (/api) and its docs (/docs)."""
    import uvicorn

    from ui.api import create_app

    settings = Settings()
    settings = settings.model_copy(update={"host": host or settings.host, "port": port or settings.port})
    app_ = create_app(settings)
    try:
        n = len(app_.state.assistant.store.documents())
        typer.echo(f"Index: {n} documents ({settings.chroma_url or settings.index_dir}).")
    except UserError as exc:
        typer.echo(f"pmg: warning: {exc} The chat will say so until an index exists.", err=True)
    if settings.host not in ("127.0.0.1", "localhost", "::1") and not settings.api_key:
        typer.echo(f"pmg: warning: listening on {settings.host} without an API key: anyone who can reach this "
                   "address can use the assistant (set PMG_API_KEY).", err=True)
    shown = f"[{settings.host}]" if ":" in settings.host else settings.host
    if settings.host in ("0.0.0.0", "::"):
        shown = "127.0.0.1"
    base = f"http://{shown}:{settings.port}"
    typer.echo(f"De chat: open {base}/ in een browser. API: {base}/v1 (OpenAI-compatibel) en {base}/api; "
               f"documentatie: {base}/docs")
    uvicorn.run(app_, host=settings.host, port=settings.port, log_level="info")


def main() -> None:  # pragma: no cover - console entry
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
