"""A live, facilitator-paced session with 1,000 phones, on real server processes.

    .venv/bin/python bench/bench_live.py [--phones 1000] [--servers 2]

Builds a temporary SQLite workshop (the "Regards croisés" questionnaire, 15
questions), starts ``--servers`` waitress processes on it (no state shared but
the database) and simulates, from this process:

- the phones, split over the servers: each joins by the session's URL, says who
  it is, answers the current question, then polls ``/j/<code>/etat`` every 2 s
  like ``static/js/participant.js``; when the facilitator moves on, it reloads
  its page (the delay to follow is measured when the page has arrived) and
  answers after a few seconds' thought, sending the form as participant.js
  does (the reply is the next page: no redirect);
- the facilitator, who moves to the next question and reveals its results
  (written by this process: the servers only see the database change);
- two projectors (the plenary's and a second room's), polling their state
  every 2 s, one on each server.

Phases: "followers" (every phone waiting on a question, nothing changing: the
cost of following) then "live" (questions advanced, answers arriving, the
projector refreshing). It prints the servers' CPU, the latencies, the delay for
the phones to follow and the errors; then checks in the database that every
phone counted once and answered each question once. A report, not a test: it
exits 0 whatever the figures, 1 only if the run could not happen.
"""

import argparse
import asyncio
import json
import os
import random
import re
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.live_client import Browser, Reply  # noqa: E402
from facilitator.server import THREADS  # noqa: E402

POLL_SECONDS = 2.0
PROJECTOR_SECONDS = 2.0
REFRESH_TARGET_MS = 50.0
FOLLOWERS_TARGET_CORES = 0.5
FOLLOW_TARGET_S = 3.0
SECRET_KEY = "bench-live-secret"  # noqa: S105 (a throwaway benchmark app)
EMAIL = "bench@example.org"
PASSWORD = "bench-live-password"  # noqa: S105 (a throwaway benchmark account)
LABEL_WIDTH = 52

_CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
_INPUT_RE = re.compile(r"<input\b[^>]*>", re.IGNORECASE)
_ATTR_RE = re.compile(r'\b(name|value|type)="([^"]*)"')
_DURATION_RE = re.compile(r"app;dur=([\d.]+)")
_CPU_RE = re.compile(r"cpu;dur=([\d.]+)")
_ACTION_RE = re.compile(r'<form\b[^>]*action="([^"]*)"', re.IGNORECASE)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=1000)
    parser.add_argument("--servers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=THREADS)
    parser.add_argument("--follow-seconds", type=float, default=30.0)
    parser.add_argument("--questions", type=int, default=3)
    parser.add_argument("--question-seconds", type=float, default=20.0)
    parser.add_argument("--seed", type=int, default=1)
    # Internal: a server process.
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--database", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.database, args.serve, args.threads)
        return 0
    _raise_open_files_limit()
    with tempfile.TemporaryDirectory(prefix="bench-live-") as tmp:
        database = Path(tmp) / "live.sqlite"
        setup = Setup.create(database)
        servers = [_start_server(database, args.threads) for _ in range(args.servers)]
        try:
            report = asyncio.run(Simulation(args, setup, servers).run())
        finally:
            for server in servers:
                server.process.terminate()
            for server in servers:
                server.process.wait(timeout=10)
        report.print()
        setup.check(report)
    return 0


# The database and the servers


def make_app(database: Path):
    os.environ["FLASK_SECRET_KEY"] = SECRET_KEY
    from facilitator import create_app

    return create_app(
        {
            "SECRET_KEY": SECRET_KEY,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
            "PUBLIC_URL": "http://bench.invalid",
        }
    )


@dataclass
class Setup:
    database: Path
    code: str
    workshop_id: int
    session_id: int
    question_ids: list[int]
    facilitator_cookie: str

    @classmethod
    def create(cls, database: Path) -> "Setup":
        from flask_migrate import upgrade

        from facilitator.extensions import db
        from facilitator.services import create_facilitator
        from workshops.manage.services import create_workshop
        from workshops.models import Pacing, SessionState
        from workshops.sessions.services import create_session

        app = make_app(database)
        with app.app_context():
            upgrade()
            owner = create_facilitator(EMAIL, PASSWORD)
            workshop = create_workshop(
                owner,
                "Atelier d'échanges Savoie–Bignona",
                "",
                3,
                ["Savoie", "Bignona", "Agadir"],
                template_key="regard_croise",
            )
            session = create_session(workshop, "Plénière en direct")
            session.pacing = Pacing.FACILITATOR
            session.state = SessionState.OPEN
            questions = [
                q for q in workshop.questionnaire.questions if q.type.has_distribution
            ]
            session.current_question_id = questions[0].id
            db.session.commit()
            setup = cls(
                database,
                session.join_code,
                workshop.id,
                session.id,
                [q.id for q in questions],
                _login_cookie(app),
            )
        return setup

    def advance(self, question_id: int | None, reveal: bool) -> None:
        """What the control panel does: show a question, or reveal its results."""
        from facilitator.extensions import db
        from workshops.models import WorkshopSession

        app = make_app(self.database)
        with app.app_context():
            session = db.session.get(WorkshopSession, self.session_id)
            if question_id is not None:
                session.current_question_id = question_id
            session.results_revealed = reveal
            session.live_version += 1
            db.session.commit()

    def check(self, report: "Report") -> None:
        """Every phone counted once; each question answered once per phone."""
        from sqlalchemy import func, select

        from facilitator.extensions import db
        from surveys.models import AnsweredQuestion, Response

        app = make_app(self.database)
        with app.app_context():
            responses = db.session.execute(select(func.count(Response.id))).scalar()
            answered = dict(
                db.session.execute(
                    select(AnsweredQuestion.question_id, func.count()).group_by(
                        AnsweredQuestion.question_id
                    )
                ).all()
            )
        print()
        print(f"{'responses in the database':<{LABEL_WIDTH}}  {responses:>10}")
        print(f"{'phones that joined':<{LABEL_WIDTH}}  {report.joined:>10}")
        sent = sum(report.answers)
        stored = sum(answered.values())
        print(f"{'answers sent by the phones':<{LABEL_WIDTH}}  {sent:>10}")
        label = "answers stored (once per phone and question)"
        print(f"{label:<{LABEL_WIDTH}}  {stored:>10}")


def _login_cookie(app) -> str:
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = _CSRF_RE.search(page).group(1)
    client.post(
        "/login", data={"email": EMAIL, "password": PASSWORD, "csrf_token": token}
    )
    return client.get_cookie("session").value


@dataclass
class Server:
    port: int
    process: subprocess.Popen

    def cpu_seconds(self) -> float:
        """User + system CPU time the process has used."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1]
        utime, stime = fields.split()[11:13]
        return (int(utime) + int(stime)) / os.sysconf("SC_CLK_TCK")


def _start_server(database: Path, threads: int) -> Server:
    port = _free_port()
    command = [sys.executable, __file__, "--serve", str(port), "--database"]
    process = subprocess.Popen([*command, str(database), "--threads", str(threads)])  # noqa: S603
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return Server(port, process)
        time.sleep(0.2)
    process.terminate()
    raise SystemExit("a server did not start")


def serve(database: Path, port: int, threads: int) -> None:
    """A server process, set as ``flask serve`` sets it."""
    import logging

    from facilitator.server import serve as serve_app

    # Not the warnings of a queue the benchmark fills on purpose.
    logging.getLogger("waitress").setLevel(logging.ERROR)
    serve_app(make_app(database), "127.0.0.1", port, threads)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _raise_open_files_limit() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 16384)), hard))


# The simulation


@dataclass
class Report:
    phones: int
    servers: int
    joined: int = 0
    errors: list[str] = field(default_factory=list)
    answers: list[int] = field(default_factory=list)
    follow_delays: list[float] = field(default_factory=list)
    poll_seconds: list[float] = field(default_factory=list)
    polls: int = 0
    projector_server_ms: list[float] = field(default_factory=list)
    quiet_projector_server_ms: list[float] = field(default_factory=list)
    projector_cpu_ms: list[float] = field(default_factory=list)
    projector_client_ms: list[float] = field(default_factory=list)
    followers_cores: float = 0.0
    followers_rate: float = 0.0
    live_cores: float = 0.0
    client_cores: float = 0.0
    responses_at_refresh: int = 0

    def print(self) -> None:
        print()
        print(f"{self.phones} phones on {self.servers} server processes (2 cores)")
        print(f"{self.responses_at_refresh} participants on the projector at the end")
        print(f"{'':<{LABEL_WIDTH}}  {'measured':>10}  {'target':>10}")
        _line(
            "followers: server CPU (cores)",
            f"{self.followers_cores:.2f}",
            f"≤ {FOLLOWERS_TARGET_CORES}",
        )
        _line("followers: polls per second", f"{self.followers_rate:.0f}")
        _line(
            "poll latency p50 / p95 (ms)",
            f"{_pct(self.poll_seconds, 50) * 1000:.1f} / "
            f"{_pct(self.poll_seconds, 95) * 1000:.1f}",
        )
        _line(
            "phones follow the facilitator p50 / p95 / max (s)",
            f"{_pct(self.follow_delays, 50):.1f} / {_pct(self.follow_delays, 95):.1f}"
            f" / {max(self.follow_delays, default=0):.1f}",
            f"≈ {FOLLOW_TARGET_S:.0f}",
        )
        _line(
            "projector refresh while phones wait, server p50 / p95 (ms)",
            f"{_pct(self.quiet_projector_server_ms, 50):.1f} / "
            f"{_pct(self.quiet_projector_server_ms, 95):.1f}",
            f"≤ {REFRESH_TARGET_MS:.0f}",
        )
        _line(
            "projector refresh while answers arrive, server p50 / p95 (ms)",
            f"{_pct(self.projector_server_ms, 50):.1f} / "
            f"{_pct(self.projector_server_ms, 95):.1f}",
            f"≤ {REFRESH_TARGET_MS:.0f}",
        )
        _line(
            "  of which processor time the refresh used, p50 / p95",
            f"{_pct(self.projector_cpu_ms, 50):.1f} / "
            f"{_pct(self.projector_cpu_ms, 95):.1f}",
            f"≤ {REFRESH_TARGET_MS:.0f}",
        )
        _line(
            "projector refresh, seen by the browser p50 / p95 (ms)",
            f"{_pct(self.projector_client_ms, 50):.1f} / "
            f"{_pct(self.projector_client_ms, 95):.1f}",
        )
        _line("live phase: server CPU (cores)", f"{self.live_cores:.2f}")
        _line("this simulating process: CPU (cores)", f"{self.client_cores:.2f}")
        _line("errors", str(len(self.errors)), "0")
        for error in self.errors[:10]:
            print(f"    {error}")


def _line(label: str, measured: str, target: str = "") -> None:
    print(f"{label:<{LABEL_WIDTH}}  {measured:>10}  {target:>10}")


def _pct(values: list[float], percent: int) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


class Simulation:
    def __init__(self, args, setup: Setup, servers: list[Server]) -> None:
        self.args = args
        self.setup = setup
        self.servers = servers
        self.rng = random.Random(args.seed)  # noqa: S311 (simulated behaviour)
        self.report = Report(args.phones, len(servers))
        self.version_changed_at: dict[str, float] = {}
        self.question_index = 0
        self.running = True
        self.counting_polls = False
        self.changed_at = 0.0
        self.phase = "followers"

    async def run(self) -> Report:
        args, report = self.args, self.report
        phones = [
            Phone(self, Browser("127.0.0.1", self.servers[i % len(self.servers)].port))
            for i in range(args.phones)
        ]
        report.answers = [0]
        # Everyone joins within ~20 s, as a room does after the QR code shows.
        joining = [asyncio.create_task(phone.join()) for phone in phones]
        await asyncio.gather(*joining)
        report.joined = sum(1 for phone in phones if phone.joined)
        following = [asyncio.create_task(phone.follow()) for phone in phones]
        # The first question's results on the projector, every phone waiting.
        await self._advance(None, reveal=True)
        # Two screens: the plenary's projector and a second room's, one on
        # each server, a second apart.
        projectors = [
            asyncio.create_task(self.project(index % len(self.servers), index))
            for index in range(2)
        ]
        await asyncio.sleep(POLL_SECONDS * 2)  # let every phone settle

        # Followers: nothing changes, every phone polls.
        cpu, wall, client = self._cpu(), time.monotonic(), time.process_time()
        report.polls, self.counting_polls = 0, True
        await asyncio.sleep(args.follow_seconds)
        self.counting_polls = False
        elapsed = time.monotonic() - wall
        report.followers_cores = (self._cpu() - cpu) / elapsed
        report.followers_rate = report.polls / elapsed

        # Live: the facilitator moves on, answers arrive, the projector refreshes.
        self.phase = "live"
        cpu, wall, client = self._cpu(), time.monotonic(), time.process_time()
        questions = self.setup.question_ids[1 : args.questions]
        for index, question_id in enumerate(questions, start=1):
            self.question_index = index
            report.answers.append(0)
            await self._advance(question_id, reveal=False)
            await asyncio.sleep(args.question_seconds)
            await self._advance(None, reveal=True)
            await asyncio.sleep(PROJECTOR_SECONDS * 2)
        elapsed = time.monotonic() - wall
        report.live_cores = (self._cpu() - cpu) / elapsed
        report.client_cores = (time.process_time() - client) / elapsed
        self.running = False
        await asyncio.gather(*following, *projectors, return_exceptions=True)
        for phone in phones:
            phone.browser.close()
        return report

    async def _advance(self, question_id: int | None, reveal: bool) -> None:
        await asyncio.to_thread(self.setup.advance, question_id, reveal)
        self.changed_at = time.monotonic()

    def _cpu(self) -> float:
        return sum(server.cpu_seconds() for server in self.servers)

    async def project(self, server: int, delay: float) -> None:
        setup = self.setup
        browser = Browser("127.0.0.1", self.servers[server].port)
        await asyncio.sleep(delay)
        browser.cookies["session"] = setup.facilitator_cookie
        path = (
            f"/workshops/{setup.workshop_id}/sessions/{setup.session_id}"
            "/projector/state.json"
        )
        etag = None
        while self.running:
            headers = {"If-None-Match": etag} if etag else {}
            reply = await self.call(browser.get(path, headers), "projector")
            if reply is not None and reply.status in (200, 304):
                etag = reply.headers.get("etag", etag)
                server_timing = reply.headers.get("server-timing", "")
                timing = _DURATION_RE.search(server_timing)
                cpu = _CPU_RE.search(server_timing)
                live = self.phase == "live"
                if cpu and live:
                    self.report.projector_cpu_ms.append(float(cpu.group(1)))
                if timing:
                    samples = self.report.projector_server_ms
                    if not live:
                        samples = self.report.quiet_projector_server_ms
                    samples.append(float(timing.group(1)))
                if live:
                    self.report.projector_client_ms.append(reply.seconds * 1000)
                if reply.status == 200:
                    state = json.loads(reply.body)
                    self.report.responses_at_refresh = _participants(state)
            await asyncio.sleep(PROJECTOR_SECONDS)
        browser.close()

    async def call(self, request, what: str) -> Reply | None:
        """Await a request; note an error instead of raising."""
        try:
            reply = await request
        except (OSError, asyncio.IncompleteReadError, ValueError) as error:
            self.report.errors.append(f"{what}: {type(error).__name__} {error}")
            return None
        if reply.status >= 400:
            self.report.errors.append(f"{what}: HTTP {reply.status}")
        return reply


def _participants(state: dict) -> int:
    """The participant total the projector shows, wherever the JSON puts it."""
    for key in ("participants", "participant_count", "responses", "response_count"):
        value = state.get(key)
        if isinstance(value, int):
            return value
        if isinstance(value, dict):
            for inner in ("total", "count", "overall"):
                if isinstance(value.get(inner), int):
                    return value[inner]
    return 0


class Phone:
    def __init__(self, simulation: Simulation, browser: Browser) -> None:
        self.simulation = simulation
        self.browser = browser
        self.rng = random.Random(simulation.rng.random())  # noqa: S311
        self.joined = False
        self.version: str | None = None
        self.shown: tuple | None = None

    @property
    def page_path(self) -> str:
        return f"/j/{self.simulation.setup.code}"

    async def join(self) -> None:
        await asyncio.sleep(self.rng.uniform(0, 20))
        page = await self._get_page()
        if page is None:
            return
        data = {"csrf_token": _csrf(page)}
        for name in ("territory", "group"):
            values = _radio_values(page, name)
            if values:
                data[name] = self.rng.choice(values)
        data.update(_hidden_values(page, ("token",)))
        action = _form_action(page, "/profil")
        if action is None:
            self.simulation.report.errors.append("join: no profile form")
            return
        if await self._post_and_follow(action, data, "profile") is None:
            return
        self.joined = True
        await self.answer_current()

    async def follow(self) -> None:
        """Poll the session's state; on a change, reload and answer."""
        simulation = self.simulation
        path = f"{self.page_path}/etat"
        await asyncio.sleep(self.rng.uniform(0, POLL_SECONDS))
        while simulation.running:
            headers = {"If-None-Match": self.version} if self.version else {}
            reply = await simulation.call(self.browser.get(path, headers), "poll")
            if reply is not None:
                if simulation.counting_polls:
                    simulation.report.polls += 1
                simulation.report.poll_seconds.append(reply.seconds)
                if reply.status == 200:
                    self.version = reply.headers.get("etag")
                    state = json.loads(reply.body)
                    shown = (state["state"], state["pacing"], state["question"])
                    # Like participant.js: reload only for what the phone shows
                    # (not for a reveal, which only the projector shows).
                    changed = self.shown is not None and shown != self.shown
                    self.shown = shown
                    if changed and self.joined:
                        await self.answer_current(simulation.changed_at)
            await asyncio.sleep(POLL_SECONDS * self.rng.uniform(0.9, 1.1))

    async def answer_current(self, changed_at: float | None = None) -> None:
        """Load the page; when the facilitator's change brought it, note how
        long after the click the phone shows it; answer its question."""
        page = await self._get_page()
        if page is None:
            return
        if changed_at is not None:
            delay = time.monotonic() - changed_at
            self.simulation.report.follow_delays.append(delay)
        action = _form_action(page, "/q/")
        if action is None:
            return  # waiting page: nothing to answer
        field_name = "q_" + action.rstrip("/").rsplit("/", 1)[1]
        values = _radio_values(page, field_name)
        if not values:
            return
        await asyncio.sleep(self.rng.uniform(1, 8))  # reading, thinking
        data = {"csrf_token": _csrf(page), field_name: self.rng.choice(values)}
        data.update(_hidden_values(page, ("token",)))
        index = self.simulation.question_index
        if await self._post_and_follow(action, data, "answer") is not None:
            self.simulation.report.answers[index] += 1

    async def _get_page(self) -> str | None:
        reply = await self.simulation.call(self.browser.get(self.page_path), "page")
        if reply is None or reply.status != 200:
            return None
        return reply.text

    async def _post_and_follow(self, action: str, data: dict, what: str) -> str | None:
        """Send a form as participant.js does (fetch, saying so: the server
        answers with the next page itself); follow a redirect if one comes."""
        post = self.browser.post(action, data, {"X-Requested-With": "fetch"})
        reply = await self.simulation.call(post, what)
        if reply is None:
            return None
        if reply.status == 200:
            return reply.text
        if reply.status in (302, 303):
            location = reply.headers.get("location", self.page_path)
            location = re.sub(r"^https?://[^/]+", "", location)
            reply = await self.simulation.call(self.browser.get(location), what)
            return reply.text if reply is not None and reply.status == 200 else None
        message = f"{what}: HTTP {reply.status}, no redirect"
        self.simulation.report.errors.append(message)
        return None


def _csrf(page: str) -> str:
    match = _CSRF_RE.search(page)
    return match.group(1) if match else ""


def _inputs(page: str) -> list[dict[str, str]]:
    return [dict(_ATTR_RE.findall(tag)) for tag in _INPUT_RE.findall(page)]


def _radio_values(page: str, name: str) -> list[str]:
    return [
        attrs.get("value", "")
        for attrs in _inputs(page)
        if attrs.get("name") == name and attrs.get("type") in ("radio", "checkbox")
    ]


def _hidden_values(page: str, names: tuple[str, ...]) -> dict[str, str]:
    return {
        attrs["name"]: attrs.get("value", "")
        for attrs in _inputs(page)
        if attrs.get("name") in names and attrs.get("type") == "hidden"
    }


def _form_action(page: str, contains: str) -> str | None:
    for action in _ACTION_RE.findall(page):
        if contains in action:
            return re.sub(r"^https?://[^/]+", "", action)
    return None


if __name__ == "__main__":
    sys.exit(main())
