"""The README's benchmark tables are the report's figures, rendered (scripts/benchmark.py): a
figure is changed in the report, never by hand in the README."""
from __future__ import annotations

import copy
import json
import shlex

import pytest

import benchmark


def report() -> dict:
    return json.loads(benchmark.REPORT.read_text(encoding="utf-8"))


def test_the_readme_shows_what_the_report_renders():
    readme = benchmark.README.read_text(encoding="utf-8")
    assert benchmark.readme_with_figures(readme, report()) == readme, (
        "README.md's benchmark tables differ from scripts/benchmark/report.json: write them with "
        "benchmark.write_report (every run of scripts/benchmark.py does)")


def test_a_figure_changed_in_the_report_changes_the_readme():
    readme = benchmark.README.read_text(encoding="utf-8")
    changed = copy.deepcopy(report())
    changed["download"]["pages"]["policy/"]["gzip_kb"] = 74.9
    rendered = benchmark.readme_with_figures(readme, changed)
    assert "| First visit /policy/ (gzip) | 74.9 kB in" in rendered
    assert rendered.count("74.9 kB") == readme.count("74.9 kB") + 1
    assert rendered.replace("74.9 kB", "") != readme  # only the table changed …
    assert rendered.split("<!-- benchmark:table -->")[0] == readme.split("<!-- benchmark:table -->")[0]


def test_the_budgets_are_judged_against_the_fair_baseline():
    build = {"runs": 3, "warm_build_s": 3.0, "fair_build_s": 1.5, "bare_build_s": 1.0, "fair_pages": 43,
             "ratio_warm": 3.0, "fair_ratio_warm": 2.0, "fair_ratio_warm_cpu": 1.9,
             "cpu_s": {"warm": 1.9, "fair": 1.0, "bare": 0.5, "first_rest": 2.2},
             "cold_build_s": 12.0, "cold_cpu_s": 9.0, "cold_pdfs": {"pdfs": 16, "seconds": 9.0},
             "cold_build_without_pdfs_s": 3.0, "ratio_cold_without_pdfs": 3.0, "fair_ratio_cold_without_pdfs": 2.0,
             "first_rest_s": 2.7, "fair_ratio_first_rest": 1.8, "fair_ratio_first_rest_cpu": 2.2,
             "budget_ratio": 1.5, "budget_cold_pdfs_s": 10.0, "budget_cold_rest_ratio": 2.0,
             "met_warm": False, "met_cold_pdfs": True, "met_cold_without_pdfs": True,
             "load_average_before": [3.1, 2.0, 1.0], "load_average_after": [4.2, 2.0, 1.0]}
    rows = benchmark.table({"build": build}).splitlines()
    rebuild = next(row for row in rows if row.startswith("| Rebuild"))
    assert "2.0 × fair, 3.0 × bare" in rebuild and "≤ 1.5 × fair | NOT met | 3.1 → 4.2 |" in rebuild
    rest = next(row for row in rows if row.startswith("|   the rest of it"))
    assert "2.7 s = 1.8 × fair" in rest and "≤ 2.0 × fair | met |" in rest


def test_a_readme_without_the_tables_place_is_refused():
    with pytest.raises(SystemExit, match="benchmark:table"):
        benchmark.readme_with_figures("# no tables here\n", report())


@pytest.mark.parametrize("seconds, shown", [(271.3, "4 min 31 s"), (239.6, "4 min 00 s"), (59.4, "0 min 59 s"),
                                            (381.0, "6 min 21 s")])
def test_a_duration_is_shown_in_whole_minutes_and_seconds(seconds, shown):
    assert benchmark.minutes_and_seconds(seconds) == shown


def test_a_failed_suite_run_names_its_failing_test():
    changed = copy.deepcopy(report())
    changed["suite"]["met"] = False  # judged when measured: a failed run is not met
    run = changed["suite"]["runs"][0]
    run.update(returncode=1, counts={"passed": 1072, "failed": 1},
               failures=["FAILED tests/browser/test_x.py::test_y[z] - AssertionError: boxes differ"])
    row = next(line for line in benchmark.table(changed).splitlines() if line.startswith("| Test suite"))
    assert "(1072 passed, 1 failed: tests/browser/test_x.py::test_y[z]; reference build" in row
    assert "NOT met" in row


# What each line of the README's benchmark block says it does (its comment), and what the
# benchmark's own command-line parsing makes of the line as written.
README_BENCHMARK = {
    "": {"parts": set(benchmark.PARTS), "runs": benchmark.RUNS, "suite": None, "writes_readme": True},
    "--no-lighthouse": {"parts": set(benchmark.PARTS) - {"lighthouse"}, "runs": benchmark.RUNS, "suite": None,
                        "writes_readme": True},
    "--quick --only builds,profile,edit --report /tmp/report.json": {
        "parts": {"builds", "profile", "edit"}, "runs": 1, "suite": None, "writes_readme": False},
    "--suite 3": {"parts": set(), "runs": benchmark.RUNS, "suite": 3, "writes_readme": True},
}


def test_each_benchmark_command_of_the_readme_asks_for_what_its_comment_says():
    """The README's benchmark commands take a quarter of an hour (the full run, Lighthouse), five
    minutes, a minute, and three runs of this whole suite: none is run here. Each line is read as
    written and given to the benchmark's own argument parsing (`benchmark.plan`): an option renamed
    or a part dropped fails here, and what each does is what the README says of it."""
    from support import readme_block

    prefix = ".venv/bin/python scripts/benchmark.py"
    lines = readme_block(prefix).strip().splitlines()
    seen = {}
    for line in lines:
        command, _, comment = line.partition("#")
        assert command.startswith(prefix), line
        options = command.removeprefix(prefix).strip()
        asked = benchmark.plan(shlex.split(options))
        seen[options] = {"parts": asked.parts, "runs": asked.runs, "suite": asked.suite,
                         "writes_readme": asked.writes_readme}
        if "README left alone" in comment:
            assert not asked.writes_readme, line
        if "one run of each" in comment:
            assert asked.runs == 1, line
        if "three times" in comment:
            assert asked.suite == 3, line
    assert seen == README_BENCHMARK
