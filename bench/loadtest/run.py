"""`make loadtest`: the locust scenario against gunicorn with production settings, then
consistency checks on the database.

1. A throwaway site under var/loadtest/ (SQLite there, or LOADTEST_DATABASE_URL for
   PostgreSQL — a database of its own, emptied first): migrate, demo data, static files.
2. gunicorn (3 workers) and the task worker on 127.0.0.1:LOADTEST_PORT, production
   settings over plain HTTP (INTRANET_HTTPS=false).
3. locust, headless, LOADTEST_USERS (50) for LOADTEST_TIME (2m); it stops by itself.
4. The server stops; the database is checked: no session over capacity, no seat twice,
   no person booked twice, no acknowledgement twice.
Exits non-zero on any failed request, a p95 over LOADTEST_P95_MS (1000), or a broken
invariant. Only 127.0.0.1 is ever contacted.
"""

import csv
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
VAR = ROOT / "var" / "loadtest"
HOST = "127.0.0.1"

CHECKS = """
import json
from django.db.models import Count, Q
from training.models import Booking, TrainingSession
from intranet.legal.models import Acknowledgement
over = [
    s.pk for s in TrainingSession.objects.annotate(
        n=Count("bookings", filter=Q(bookings__status="booked"))
    ) if s.n > s.capacity
]
bad_seats = Booking.objects.filter(status="booked").exclude(seat__gte=1).count() + sum(
    1 for b in Booking.objects.filter(status="booked").select_related("session")
    if b.seat > b.session.capacity
)
twice = Booking.objects.values("session", "user").annotate(n=Count("pk")).filter(n__gt=1).count()
seats_twice = (
    Booking.objects.exclude(seat=None).values("session", "seat").annotate(n=Count("pk"))
    .filter(n__gt=1).count()
)
acks_twice = (
    Acknowledgement.objects.values("user", "page", "epoch").annotate(n=Count("pk"))
    .filter(n__gt=1).count()
)
print(json.dumps({
    "sessions_over_capacity": len(over), "seats_out_of_range": bad_seats,
    "people_booked_twice": twice, "seats_taken_twice": seats_twice,
    "acknowledgements_twice": acks_twice,
    "bookings": Booking.objects.count(), "acknowledgements": Acknowledgement.objects.count(),
}))
"""

ACCOUNTS = """
import json
from django.contrib.auth.models import User
from intranet.people.services import colleagues
from intranet.core.roles import COORDINATORS, PARTNERS
staff = list(colleagues().exclude(groups__name=COORDINATORS).values_list("username", flat=True))
print(json.dumps({
    "staff": staff,
    "coordinator": list(User.objects.filter(groups__name=COORDINATORS, is_active=True)
                        .values_list("username", flat=True)),
    "partner": list(User.objects.filter(groups__name=PARTNERS, is_active=True)
                    .values_list("username", flat=True)),
    "admin": list(User.objects.filter(is_superuser=True).values_list("username", flat=True)),
}))
"""


def _environment(database_url: str | None) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "intranet.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "INTRANET_HTTPS": "false",
        "INTRANET_VAR_DIR": str(VAR),
        "MEDIA_ROOT": str(VAR / "media"),
        "ALLOWED_HOSTS": HOST,
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "LOG_LEVEL": "ERROR",
        # Several workers share sessions and cached pages through Redis (required by the
        # production settings); a key prefix of its own keeps other sites' keys apart.
        "REDIS_URL": os.environ.get(
            "LOADTEST_REDIS_URL", os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
        ),
        "CACHE_KEY_PREFIX": f"loadtest-{time.time_ns()}",
    }
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def manage(env, *args) -> str:
    result = subprocess.run(
        [str(VENV_BIN / "python"), "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def _reset_postgres(database_url: str) -> None:
    """Drop and recreate the load test's own database (never another one)."""
    name = database_url.rsplit("/", 1)[1]
    if not name.startswith(("sf_", "loadtest")):
        sys.exit("LOADTEST_DATABASE_URL must name a database starting with sf_ or loadtest")
    admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
    for sql in [f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"']:
        subprocess.run(["psql", admin_url, "-qc", sql], check=True)


def prepare(env, database_url):
    if VAR.exists():
        shutil.rmtree(VAR)
    VAR.mkdir(parents=True)
    if database_url:
        _reset_postgres(database_url)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo", "--force")
    manage(env, "collectstatic", "--noinput", "-v0")
    return json.loads(manage(env, "shell", "-c", ACCOUNTS).strip().splitlines()[-1])


def start_server(env, port: int) -> list[subprocess.Popen]:
    server_env = {**env, "HOST": HOST, "PORT": str(port), "WEB_CONCURRENCY": "3"}
    log = (VAR / "server.log").open("w")
    server = subprocess.Popen(
        [str(ROOT / "deploy" / "serve.sh")],
        cwd=ROOT,
        env=server_env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    for _attempt in range(120):
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/healthz/", timeout=2) as response:
                if response.status == 200:
                    return [server]
        except OSError:
            time.sleep(0.5)
    stop([server])
    sys.exit("The server did not start: see var/loadtest/server.log")


def stop(processes):
    for process in processes:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            continue
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def run_locust(port: int, users: int, duration: str, accounts: dict) -> dict:
    env = {**os.environ, "LOADTEST_ACCOUNTS": json.dumps(accounts)}
    prefix = VAR / "locust"
    subprocess.run(
        [
            str(VENV_BIN / "locust"),
            "-f",
            str(Path(__file__).with_name("locustfile.py")),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(max(1, users // 25)),
            "--run-time",
            duration,
            "--host",
            f"http://{HOST}:{port}",
            "--csv",
            str(prefix),
            "--only-summary",
            "--stop-timeout",
            "10",
        ],
        cwd=ROOT,
        env=env,
        check=False,
    )
    with open(f"{prefix}_stats.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    return {
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "median_ms": float(total["50%"]),
        "p95_ms": float(total["95%"]),
        "p99_ms": float(total["99%"]),
        "max_ms": float(total["Max Response Time"]),
        "rps": float(total["Requests/s"]),
        "slowest_p95": sorted(
            ((r["Name"], float(r["95%"])) for r in rows if r["Name"] != "Aggregated"),
            key=lambda item: -item[1],
        )[:5],
    }


def main() -> int:
    users = int(os.environ.get("LOADTEST_USERS", "50"))
    duration = os.environ.get("LOADTEST_TIME", "2m")
    port = int(os.environ.get("LOADTEST_PORT", "8150"))
    p95_limit = float(os.environ.get("LOADTEST_P95_MS", "1000"))
    database_url = os.environ.get("LOADTEST_DATABASE_URL")
    env = _environment(database_url)
    engine = "PostgreSQL" if database_url else "SQLite"

    print(f"== preparing a demo site ({engine}) in var/loadtest/", flush=True)
    accounts = prepare(env, database_url)
    print("== gunicorn (3 workers) + task worker on", f"http://{HOST}:{port}/", flush=True)
    servers = start_server(env, port)
    try:
        print(f"== locust: {users} users for {duration}", flush=True)
        stats = run_locust(port, users, duration, accounts)
    finally:
        stop(servers)
    checks = json.loads(manage(env, "shell", "-c", CHECKS).strip().splitlines()[-1])

    print(f"\n== results ({engine}, {users} users, {duration})")
    print(
        f"requests {stats['requests']}, failures {stats['failures']}, "
        f"{stats['rps']:.1f} req/s, median {stats['median_ms']:.0f} ms, "
        f"p95 {stats['p95_ms']:.0f} ms, p99 {stats['p99_ms']:.0f} ms, "
        f"max {stats['max_ms']:.0f} ms"
    )
    print("slowest p95:", ", ".join(f"{name} {ms:.0f} ms" for name, ms in stats["slowest_p95"]))
    print("database:", ", ".join(f"{key} {value}" for key, value in checks.items()))
    broken = [
        key
        for key in (
            "sessions_over_capacity",
            "seats_out_of_range",
            "people_booked_twice",
            "seats_taken_twice",
            "acknowledgements_twice",
        )
        if checks[key]
    ]
    problems = []
    if stats["failures"]:
        problems.append(
            f"{stats['failures']} failed requests (see var/loadtest/locust_failures.csv)"
        )
    if stats["p95_ms"] > p95_limit:
        problems.append(f"p95 {stats['p95_ms']:.0f} ms over {p95_limit:.0f} ms")
    if broken:
        problems.append("broken invariants: " + ", ".join(broken))
    if not stats["requests"]:
        problems.append("no request was made")
    print("PASS" if not problems else "FAIL: " + "; ".join(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
