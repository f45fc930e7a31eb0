"""Write a run's files: config.json, summary.json, results.jsonl, report.md and a recall plot."""

from __future__ import annotations

import json
import os
import platform
import subprocess
from pathlib import Path

from index import Settings

from .runner import KS

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = [
    ("recall@5", "R@5"),
    ("recall@10", "R@10"),
    ("recall@20", "R@20"),
    ("ndcg@10", "nDCG@10"),
    ("mrr", "MRR"),
    ("article_recall@10", "art R@10"),
    ("precision", "precision"),
    ("precision_shown", "precision shown"),
    ("rows_shown", "rows shown"),
    ("empty", "empty"),
    ("negative_ok", "negatives ok"),
    ("filter_exact", "filter exact"),
    ("citations_valid", "citations valid"),
    ("tables_faithful", "tables faithful"),
    ("latency_p50_ms", "p50 ms"),
    ("latency_p95_ms", "p95 ms"),
]
PERCENT = {"filter_exact", "citations_valid", "tables_faithful", "empty", "negative_ok"}
BASELINE = "dense-filtered"
PLOT = "recall_at_k.png"


def git_state() -> dict:
    """Commit, branch and whether the work tree had uncommitted changes."""

    def git(*args: str) -> str:
        result = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
        return result.stdout.strip()

    return {
        "commit": git("rev-parse", "HEAD") or None,
        "branch": git("rev-parse", "--abbrev-ref", "HEAD") or None,
        "dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
    }


def settings_json(settings: Settings) -> dict:
    """The settings that shape results (no secrets)."""
    return settings.model_dump(mode="json", exclude={"openai_api_key", "auth"})


def machine() -> dict:
    return {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()}


def cell(name: str, value) -> str:
    if value is None:
        return "n/a"
    if name in PERCENT:
        return f"{value:.0%}"
    if name.startswith("latency"):
        return f"{value:,.0f}"
    if name == "rows_shown":
        return f"{value:.1f}"
    return f"{value:.3f}"


def system_table(summary: dict) -> str:
    """The per-system table: one row per system, every metric."""
    lines = ["| system | " + " | ".join(label for _, label in COLUMNS) + " |", "|:--" + "|--:" * len(COLUMNS) + "|"]
    for system, row in summary["systems"].items():
        lines.append(f"| {system} | " + " | ".join(cell(name, row[name]) for name, _ in COLUMNS) + " |")
    return "\n".join(lines)


def type_table(summary: dict, metric: str) -> str:
    """One metric per question type (rows) and system (columns)."""
    systems = list(summary["systems"])
    lines = ["| type (questions) | " + " | ".join(systems) + " |", "|:--" + "|--:" * len(systems) + "|"]
    for kind, by_system in summary["by_type"].items():
        count = next(iter(by_system.values()))["questions"]
        lines.append(f"| {kind} ({count}) | " + " | ".join(cell(metric, by_system[s][metric]) for s in systems) + " |")
    all_count = next(iter(summary["systems"].values()))["questions"]
    lines.append(f"| **all** ({all_count}) | " + " | ".join(cell(metric, summary["systems"][s][metric]) for s in systems) + " |")
    return "\n".join(lines)


def style_table(summary: dict, system: str = "signal-desk") -> str:
    """The styles table of issue 8: per style, record recall@20, precision of the rows shown, rows
    shown, the share of answerable questions answered with no rows, negatives answered as they
    should be, and the dense-with-perfect-filters baseline of the same run."""
    baseline = BASELINE if BASELINE in summary["systems"] else None
    head = ["style (questions)", "R@20", "precision shown", "rows shown", "empty", "negatives ok"]
    if baseline:
        head += [f"{baseline} R@20", "ratio"]
    lines = ["| " + " | ".join(head) + " |", "|:--" + "|--:" * (len(head) - 1) + "|"]
    groups = [*summary["by_type"].items(), ("**all**", summary["systems"])]
    for name, by_system in groups:
        row = by_system.get(system)
        if row is None:
            continue
        cells = [f"{name} ({row['questions']})"] + [
            cell(metric, row[metric]) for metric in ("recall@20", "precision_shown", "rows_shown", "empty", "negative_ok")
        ]
        if baseline:
            base = by_system[baseline]["recall@20"]
            cells += [cell("recall@20", base), f"{row['recall@20'] / base:.2f}x" if base and row["recall@20"] is not None else "n/a"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def markdown_report(config: dict, summary: dict, plot: bool) -> str:
    """report.md: what was run, the per-system table, the per-type breakdown."""
    naive = config.get("naive")
    lines = [
        f"# Eval: {Path(config['questions']['path']).name}",
        "",
        f"    {config['command']}",
        "",
        f"- {config['questions']['count']} questions, k = {config['k']}; systems: {', '.join(config['systems'])}",
        f"- index `{config['index']['dir']}`: {config['index']['nodes']:,} nodes; model `{config['index']['model']}`",
        f"- commit `{(config['git']['commit'] or '?')[:12]}`" + (" (uncommitted changes)" if config["git"]["dirty"] else "")
        + f", {config['started']}, {config['machine']['cpus']} CPUs",
    ]
    if config.get("overrides"):
        lines.append("- overrides: " + ", ".join(f"`{o}`" for o in config["overrides"]))
    if naive:
        sampled = f"a seeded sample of {naive['articles']:,} of {naive['articles_in_index']:,} articles" if naive["fingerprint"]["sample"] else f"all {naive['articles']:,} articles"
        lines.append(
            f"- naive: {sampled} rendered as signal markdown, {naive['chunks']:,} chunks (mean {naive['mean_chunk_chars']:.0f} chars), "
            f"built in {naive['build_seconds']:,.0f} s" + (" (cached)" if config.get("naive_cached") else "")
        )
    lines += [
        "",
        "Record recall@k and nDCG@10 match gold by (article id, kind, name); precision is the share of returned records",
        "that are gold; filter exact, citations valid and tables faithful are shares of questions that pass (n/a: the",
        "system writes no answer). Latency is the wall time of one call per question, in this process.",
        "",
        "## Per system",
        "",
        system_table(summary),
        "",
    ]
    if plot:
        lines += [f"![recall@k per system]({PLOT})", ""]
    if "signal-desk" in summary["systems"]:
        lines += [
            "## Signal Desk by question style",
            "",
            "R@20 over the ranked records (shown first, then the weaker ones \"more\" would show); precision",
            "shown: share of the rows the answer shows that are gold or acceptable; empty: answerable questions",
            "answered with no rows; negatives ok: questions the corpus cannot answer, answered with nothing or",
            f"at most {3} weaker rows.",
            "",
            style_table(summary),
            "",
        ]
    for metric, title in (("recall@20", "Record recall@20"), ("ndcg@10", "nDCG@10"), ("article_recall@10", "Article recall@10")):
        lines += [f"## {title} by question type", "", type_table(summary, metric), ""]
    if summary.get("sides"):
        names = list(next(iter(summary["sides"].values())))
        lines += [
            "## Comparisons: record recall@20 of each side",
            "",
            "Mean over the comparison questions of the recall of each side's gold records.",
            "",
            "| system | " + " | ".join(f"side {n}" for n in names) + " |",
            "|:--" + "|--:" * len(names) + "|",
            *(f"| {s} | " + " | ".join(f"{v[n]:.3f}" for n in names) + " |" for s, v in summary["sides"].items()),
            "",
        ]
    return "\n".join(lines)


def plot_recall(summary: dict, path: Path) -> None:
    """Recall@k per system (left) and recall@20 per question type (right)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    systems = list(summary["systems"])
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4), gridspec_kw={"width_ratios": [2, 3]})
    for system in systems:
        left.plot(KS, [summary["systems"][system][f"recall@{k}"] or 0.0 for k in KS], marker="o", label=system)
    left.set(xlabel="k", ylabel="record recall@k", xticks=KS, ylim=(0, 1), title="Record recall@k")
    left.legend(fontsize=8)
    types = list(summary["by_type"])
    width = 0.8 / max(len(systems), 1)
    for i, system in enumerate(systems):
        values = [summary["by_type"][t][system]["recall@20"] or 0.0 for t in types]
        right.bar([x + i * width for x in range(len(types))], values, width, label=system)
    right.set_xticks([x + width * (len(systems) - 1) / 2 for x in range(len(types))], types, fontsize=8)
    right.set(ylabel="record recall@20", ylim=(0, 1), title="Record recall@20 by question type")
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)


def write_run(out: Path, config: dict, summary: dict, rows: list[dict]) -> None:
    """Every file of a run into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "config.json").write_text(json.dumps(config, indent=2, ensure_ascii=False) + "\n")
    (out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    with (out / "results.jsonl").open("w", encoding="utf-8") as lines:
        for row in rows:
            lines.write(json.dumps(row, ensure_ascii=False) + "\n")
    plot = len(summary["systems"]) > 0 and len(summary["by_type"]) > 0
    if plot:
        plot_recall(summary, out / PLOT)
    (out / "report.md").write_text(markdown_report(config, summary, plot))
