"""The evaluation report as one Rich table for the CLI."""

from __future__ import annotations

from rich.table import Table


def _ratio(score: dict) -> str:
    if score.get("accuracy") is None:
        return "n/a"
    return f"{score['accuracy']:.3f}"


def _count(score: dict) -> str:
    return f"{score['correct']}/{score['total']}"


def _prf(score: dict) -> str:
    def show(value):
        return "n/a" if value is None else f"{value:.3f}"

    return f"P {show(score['precision'])}  R {show(score['recall'])}  F1 {show(score['f1'])}"


def render_table(report: dict) -> Table:
    table = Table(title="cliptrace evaluation against gold")
    table.add_column("Measure")
    table.add_column("Score", justify="right")
    table.add_column("Detail")

    articles = report["articles"]
    recall = "n/a" if articles["recall"] is None else f"{articles['recall']:.3f}"
    table.add_row("articles found", recall, f"{articles['found']}/{articles['required']} required")
    wrong = [d for d in articles["details"] if d["required"] and d["status"] != "found"]
    table.add_row("articles not found", str(len(wrong)),
                  "; ".join(f"{d['file']}#{d['index']} {d['status']}" for d in wrong))
    table.add_row("extra articles", str(articles["extra"]),
                  "; ".join(f"{e['file']}@{e['position']}" for e in articles["extra_records"]))
    for name in ("title", "published", "outlet", "language"):
        table.add_row(f"{name} accuracy", _ratio(articles[name]), _count(articles[name]))
    leaks = articles["boilerplate_leaks"]
    table.add_row("boilerplate leaks", str(len(leaks)),
                  "; ".join(f"{leak['file']}: {leak['string']!r}" for leak in leaks))

    for name in ("quotes", "figures"):
        section = report.get(name)
        if section is None:
            continue
        table.add_section()
        f1 = "n/a" if section["f1"] is None else f"{section['f1']:.3f}"
        table.add_row(f"{name} F1", f1, _prf(section) + f"  ({section['matched']}/{section['gold']} gold, "
                      f"{section['predicted']} predicted)")
        for kind, score in section.get("by_kind", {}).items():
            table.add_row(f"  {kind}", "n/a" if score["f1"] is None else f"{score['f1']:.3f}", _prf(score))
        for field in ("kind", "speaker", "value", "approx", "category", "source"):
            if field in section:
                table.add_row(f"  {field} accuracy", _ratio(section[field]), _count(section[field]))
    return table
