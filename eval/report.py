"""Eval output: a plain-text table for the terminal, a Markdown report and a PNG chart of accuracy per tag."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from pathlib import Path

from matplotlib.figure import Figure  # a bare Figure renders with Agg and leaves pyplot's global backend alone

from eval.metrics import CaseResult, Summary, failures, is_correct

# (Summary field, label, unit): unit "" is a share shown with 3 decimals, "ms" a latency, "n" a count
METRICS: list[tuple[str, str, str]] = [
    ("n", "cases", "n"),
    ("accuracy", "accuracy", ""),
    ("citation_support", "citation support", ""),
    ("cited_own_document", "cited own document", ""),
    ("grounding", "grounding", ""),
    ("refusal_precision", "refusal precision", ""),
    ("refusal_recall", "refusal recall", ""),
    ("followup_accuracy", "follow-up accuracy", ""),
    ("direct_accuracy", "direct answer (figures)", ""),
    ("hit_at_1", "hit@1", ""),
    ("hit_at_5", "hit@5", ""),
    ("mrr_at_10", "MRR@10", ""),
    ("ndcg_at_10", "nDCG@10", ""),
    ("latency_median_ms", "latency median (ms)", "ms"),
    ("latency_p95_ms", "latency p95 (ms)", "ms"),
]
ANSWER_CHARS = 300


def format_value(value: float | int | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "n":
        return str(value)
    if unit == "ms":
        return f"{value:.0f}"
    return f"{value:.3f}"


def _rows(summaries: Mapping[str, Summary]) -> list[list[str]]:
    """Header row plus one row per metric, one column per configuration."""
    rows = [["metric", *summaries]]
    for field, label, unit in METRICS:
        rows.append([label, *(format_value(getattr(s, field), unit) for s in summaries.values())])
    return rows


def format_table(summaries: Mapping[str, Summary]) -> str:
    """Aligned plain-text table: metrics as rows, configurations as columns."""
    return aligned(_rows(summaries))


def aligned(rows: list[list[str]]) -> str:
    """Rows (the first a header) as an aligned plain-text table: the first column left, the others right."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths)))
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _md_cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def markdown_table(rows: list[list[str]]) -> list[str]:
    """Rows (the first a header) as the lines of a Markdown table: the first column left, the others right."""
    header, *body = rows
    lines = ["| " + " | ".join(map(_md_cell, header)) + " |", "|" + "---|" + "---:|" * (len(header) - 1)]
    lines += ["| " + " | ".join(map(_md_cell, row)) + " |" for row in body]
    return lines


def _truncate(text: str, limit: int = ANSWER_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# tags of the eval sets (eval/sets/) that say what kind of question a case is; all other tags are themes
KIND_TAGS = frozenset({"cross-document", "english", "example", "figure", "followup", "heldout", "list", "near-miss",
                       "unanswerable"})


def _tags(summaries: Mapping[str, Summary], kind_tags: Collection[str] = KIND_TAGS) -> list[str]:
    """All tags: theme tags first, then kind tags, each alphabetical."""
    return sorted({t for s in summaries.values() for t in s.per_tag}, key=lambda t: (t in kind_tags, t))


def write_markdown(
    path: str | Path,
    summaries: Mapping[str, Summary],
    results: Mapping[str, Sequence[CaseResult]],
    title: str = "Eval report",
) -> Path:
    """Metrics per configuration, accuracy per tag, then the failures of each configuration."""
    lines = [f"# {title}", "", "## Metrics", "", *markdown_table(_rows(summaries)), ""]
    tags = _tags(summaries)
    if tags:
        rows = [["tag", *summaries]]
        for tag in tags:
            cells = []
            for s in summaries.values():
                acc = s.per_tag.get(tag)
                cells.append("–" if acc is None else f"{acc:.3f} (n={s.per_tag_n.get(tag, 0)})")
            rows.append([tag, *cells])
        note = "A refused unanswerable case counts as correct here (unlike in `accuracy`)."
        lines += ["## Accuracy per tag", "", note, "", *markdown_table(rows), ""]
    lines += ["## Failures", ""]
    for name, cases in results.items():
        failed = failures(cases)
        lines += [f"### {name} ({len(failed)} of {len(cases)})", ""]
        if not failed:
            lines += ["No failures.", ""]
        for f in failed:
            lines += [
                f"- **{f.id}**: {_truncate(f.question)}",
                f"  - expected: {_truncate(f.expected)}",
                f"  - got: {_truncate(f.got) or '(empty)'}",
                f"  - why: {'; '.join(f.reasons)}",
            ]
        if failed:
            lines.append("")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def write_chart(
    path_png: str | Path,
    summaries: Mapping[str, Summary],
    results: Mapping[str, Sequence[CaseResult]] | None = None,
    kind_tags: Collection[str] = KIND_TAGS,
) -> Path:
    """Grouped bar chart of accuracy per tag (Summary.per_tag), one bar per configuration side by side.

    Theme tags come first, then kind tags, split by a dashed line. With results, an "all" group first
    shows is_correct over all cases of each configuration. A configuration without cases for a tag gets
    no bar there.
    """
    tags = _tags(summaries, kind_tags)
    n_themes = sum(t not in kind_tags for t in tags)
    values = {name: [s.per_tag.get(t) for t in tags] for name, s in summaries.items()}
    n_by_tag = {t: max(s.per_tag_n.get(t, 0) for s in summaries.values()) for t in tags}
    if results:
        tags = ["all", *tags]
        for name in values:
            cases = results.get(name, [])
            values[name].insert(0, sum(map(is_correct, cases)) / len(cases) if cases else None)
        n_by_tag["all"] = max(len(cases) for cases in results.values())
        n_themes += 1
    labels = [f"{t} (n={n_by_tag[t]})" for t in tags]

    n_cfg = max(len(summaries), 1)
    width = 0.8 / n_cfg
    fig = Figure(figsize=(min(24.0, max(6.0, 1.5 + 0.3 * len(tags) * n_cfg)), 5.0), dpi=100)
    ax = fig.add_subplot()
    for i, (name, vals) in enumerate(values.items()):
        xs = [x + (i - (n_cfg - 1) / 2) * width for x in range(len(tags))]
        ax.bar(xs, [float("nan") if v is None else v for v in vals], width, label=name)
    if 0 < n_themes < len(tags):
        ax.axvline(n_themes - 0.5, color="grey", linestyle="--", linewidth=0.8)
    ax.set_xticks(range(len(tags)), labels, rotation=40, ha="right", fontsize=8)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("accuracy")
    ax.set_title("Accuracy per tag")
    ax.grid(axis="y", alpha=0.3)
    if summaries:
        ax.legend(fontsize=8)
    fig.tight_layout()
    path_png = Path(path_png)
    path_png.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path_png, format="png")
    return path_png
