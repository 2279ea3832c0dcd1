"""The accessibility report (docs/_data/accessibility.json, written by
scripts/accessibility_report.py from a crawl, wakesite.a11y): read and checked against its schema
with the rest of the site's data, and summarised for the page that shows it (/accessibility/).
Nothing here drives a browser.

The package is the part folder of /accessibility/ (wakesite.part): its part at the end, its
template (accessibility.md.j2) beside this file."""
from __future__ import annotations

import json
from pathlib import Path

from .. import datafile
from ..part import Part

REPORT_SCHEMA = "accessibility.schema.json"  # beside the report


def load_report(path: Path, schema_dir: Path | None = None) -> dict | None:
    """The last results (None before the first run), checked against their schema: a report
    edited by hand or cut short stops the build with the file and line, not a template error."""
    if not path.exists():
        return None
    data = datafile.load(path)
    datafile.validate(data, datafile.schema_of(path, REPORT_SCHEMA, schema_dir), path)
    return data


def write_report(data: dict, path: Path) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def criteria_summary(report_data: dict) -> list[dict]:
    """Per WCAG success criterion: the axe rules that test it and the combined outcome,
    'failed' (any violation), 'passed' (passed somewhere, never failed), 'review' (axe could not
    decide, never passed or failed) or 'inapplicable'. Sorted by criterion number."""
    by_criterion: dict[str, dict] = {}
    for rule, counts in report_data.get("rules", {}).items():
        for criterion in counts.get("criteria") or []:
            entry = by_criterion.setdefault(criterion, {"criterion": criterion, "rules": [], "passed": 0,
                                                        "failed": 0, "incomplete": 0})
            entry["rules"].append(rule)
            for key in ("passed", "failed", "incomplete"):
                entry[key] += counts.get(key, 0)
    for entry in by_criterion.values():
        entry["outcome"] = ("failed" if entry["failed"] else "passed" if entry["passed"]
                            else "review" if entry["incomplete"] else "inapplicable")
    return sorted(by_criterion.values(), key=lambda e: tuple(int(x) for x in e["criterion"].split(".")))


def rows_by_page(report_data: dict) -> list[dict]:
    """One row per page and state for the accessibility page: the widths it was tested at, its
    violations (summed), rules passed (the fewest at any width) and to check (the most)."""
    runs: dict[tuple[str, str], list[dict]] = {}
    for r in report_data["results"]:
        runs.setdefault((r["path"], r["state"]), []).append(r)
    return [{"path": path, "state": state, "widths": [r["width"] for r in group],
             "violations": sum(r["violations"] for r in group), "passes": min(r["passes"] for r in group),
             "incomplete": max(r["incomplete"] for r in group)}
            for (path, state), group in runs.items()]


def failures(report_data: dict) -> list[str]:
    """One line per violation (page, state, rule, elements): empty when everything passed."""
    lines = []
    for r in report_data["results"]:
        for v in r["details"]:
            targets = "; ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:5])
            lines.append(f"/{r['path']} [{r['state']}, {r['width']} px] {v['rule']} ({v['help']}): {targets}")
    return lines


# ---- The part: /accessibility/ ----

def _context(site, lang: str, page_url: str, page_src: str) -> dict:
    """The results of the last scripts/accessibility_report.py run, per criterion and per page."""
    report = site.accessibility
    return {"report": report, "criteria": criteria_summary(report) if report else [],
            "rows": rows_by_page(report) if report else [],
            "to_site": "../" * len([part for part in page_url.split("/") if part]) or "./"}


PARTS = {
    "accessibility": Part(context=_context),
}
