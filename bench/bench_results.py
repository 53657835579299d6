"""Time and memory of the results page's figures and of the xlsx export.

    .venv/bin/python bench/bench_results.py [--responses 100000] [--questions 20]

Builds a temporary SQLite workshop (bench/workshop_data.py), then measures each
thing in a fresh process, so that the memory of one phase does not hide the
next's. A report, not a test: it prints the figures next to the targets and
exits 0 whatever they are.
"""

import argparse
import gc
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

PAGE_TARGET_S = 1.0
EXPORT_TARGET_S = 15.0
EXPORT_TARGET_MB = 400
RUNS = 3
PHASES = ("setup", "page", "export", "export-data")
LABEL_WIDTH = 46


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    # Internal: the phase a child process runs, on which database.
    parser.add_argument("--phase", choices=PHASES, help=argparse.SUPPRESS)
    parser.add_argument("--database", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase == "setup":
        setup(args.database, args)
    elif args.phase == "page":
        measure_page(args.database)
    elif args.phase:
        measure_export(args.database, with_data=args.phase == "export-data")
    else:
        print(f"{'':<{LABEL_WIDTH}}  {'measured':>10}  {'target':>10}")
        with tempfile.TemporaryDirectory(prefix="bench-results-") as tmp:
            database = Path(tmp) / "bench.sqlite"
            for phase in PHASES:
                _run_phase(phase, database, sys.argv[1:])
    return 0


def _run_phase(phase: str, database: Path, options: list[str]) -> None:
    """Run a phase in a new process started from this small one: a process
    inherits its parent's peak memory (ru_maxrss)."""
    command = [sys.executable, __file__, *options, "--phase", phase]
    subprocess.run([*command, "--database", str(database)], check=True)  # noqa: S603


def _app(database: Path):
    from facilitator import create_app

    return create_app(
        {"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"}
    )


def setup(database: Path, args) -> None:
    from workshop_data import build_workshop

    from facilitator.extensions import db

    started = time.perf_counter()
    app = _app(database)
    with app.app_context(), app.test_request_context():
        db.create_all()
        built = build_workshop(args.responses, args.questions, args.seed)
    print(
        f"Setup (not measured): {built.responses:,} responses, {built.answers:,} "
        f"answers, {built.texts:,} free texts, {args.questions} questions "
        f"in {time.perf_counter() - started:.0f} s"
    )


def _current_workshop():
    """The benchmark's workshop, loaded afresh as a request would."""
    from sqlalchemy import select

    from facilitator.extensions import db
    from workshops.models import Workshop

    db.session.remove()
    return db.session.execute(select(Workshop)).scalar_one()


def measure_page(database: Path) -> None:
    """What the results view computes, for all sessions and for one session."""
    from surveys.aggregation import aggregate
    from workshops.results.page import build_results_page
    from workshops.results.queries import (
        ResultFilters,
        result_dimensions,
        workshop_results,
    )

    def page(one_session: bool = False):
        workshop = _current_workshop()
        session = workshop.sessions[0] if one_session else None
        return build_results_page(workshop, ResultFilters(session=session))

    def counts_only():
        workshop = _current_workshop()
        dimensions = result_dimensions(workshop)
        return aggregate(workshop.questionnaire, dimensions, with_texts=False)

    app = _app(database)
    with app.app_context(), app.test_request_context():
        label = f"results page, all sessions (median of {RUNS})"
        report(label, timed_median(page), "s", PAGE_TARGET_S)
        label = f"results page, one session (median of {RUNS})"
        report(label, timed_median(lambda: page(one_session=True)), "s", PAGE_TARGET_S)
        report("  peak Python memory (tracemalloc)", traced_peak(page), "MB")
        tables = timed_median(
            lambda: workshop_results(_current_workshop(), ResultFilters())
        )
        report("tables with free texts, all sessions", tables, "s")
        counts = timed_median(counts_only)
        report("tables without free texts (live refresh)", counts, "s")


def measure_export(database: Path, with_data: bool) -> None:
    """The workbook the download view sends, for all sessions."""
    from workshops.results.export import build_workbook
    from workshops.results.queries import ResultFilters

    def export() -> bytes:
        workshop = _current_workshop()
        day = date.today()
        return build_workbook(workshop, ResultFilters(), day, with_data=with_data)[0]

    app = _app(database)
    with app.app_context(), app.test_request_context():
        before = max_rss_mb()
        started = time.perf_counter()
        size = len(export())
        seconds = time.perf_counter() - started
        peak = max_rss_mb()
        name = "with" if with_data else "without"
        report(f"xlsx export, {name} the Données sheet", seconds, "s", EXPORT_TARGET_S)
        report("  peak RSS of the process", peak, "MB", EXPORT_TARGET_MB)
        report("  RSS growth during the export", peak - before, "MB")
        report("  peak Python memory (tracemalloc)", traced_peak(export), "MB")
        report("  workbook size", size / 2**20, "MB")


def timed_median(run) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def traced_peak(run) -> float:
    """Peak of the memory Python allocates during ``run``, in MB."""
    gc.collect()
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def max_rss_mb() -> float:
    """The process's peak resident memory so far (Linux counts kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(label: str, value: float, unit: str, target: float | None = None) -> None:
    shown = f"{value:.2f} {unit}" if unit == "s" else f"{value:.1f} {unit}"
    line = f"{label:<{LABEL_WIDTH}}  {shown:>10}"
    if target is not None:
        verdict = "ok" if value <= target else "OVER"
        line += f"  {'≤ ' + f'{target:g} {unit}':>10}  {verdict}"
    print(line, flush=True)


if __name__ == "__main__":
    sys.exit(main())
