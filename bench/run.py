"""`make bench`: the server's speed per page, against a floor, in one run.

For each database (SQLite under var/bench/, and PostgreSQL database sf_bench_f<N> when the
server answers at BENCH_POSTGRES_URL) and each data size (BENCH_FACTORS, default "1,100":
the demo data, then `manage.py seed_scale --factor 100` on top when that command exists):

1. builds the database once (migrate, demo data, scale data; kept for the next run, rebuilt
   with BENCH_REBUILD=1) and collects the static files;
2. serves it with gunicorn, production settings (bench/settings.py: the same plus the floor
   view of bench/urls.py), 2 workers on 127.0.0.1:BENCH_PORT, a fresh DJANGO_SECRET_KEY,
   Redis for the cache and sessions (BENCH_REDIS_URL, a key prefix of its own);
3. logs in as each role through the login form (a requests session: its cookie is what wrk
   sends) and counts each page's queries and HTML size with the test client
   (bench/probe.py);
4. runs wrk (2 threads, 8 connections, BENCH_SECONDS each, default 8) on every page, two
   alternating rounds, keeping each page's better round (the machine is shared: the better
   round is the one less disturbed by others);
5. prints the table — requests per second, p50 and p99, share of the anonymous floor of
   the same run, queries, HTML size, with the targets of issue 14 checked — and writes it
   to bench/results/<timestamp>.md and into the summary section of docs/performance.md.

Only 127.0.0.1 is contacted. BENCH_DATABASES=sqlite (or postgresql) limits the databases;
BENCH_STRICT=1 makes a missed target exit non-zero. BENCH_PAGES=search,insights measures only
those pages (keys of bench/probe.py, the two floors always) and leaves docs/performance.md
alone; BENCH_POSTGRES_DATABASE (default sf_bench) names the PostgreSQL databases
(<name>_f<N>), so that two checkouts can measure side by side.
"""

import datetime as dt
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
RESULTS = ROOT / "bench" / "results"
PERFORMANCE_DOC = ROOT / "docs" / "performance.md"
PYTHON = Path(sys.executable)
HOST = "127.0.0.1"
PORT = int(os.environ.get("BENCH_PORT", "8090"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
FACTORS = [int(f) for f in os.environ.get("BENCH_FACTORS", "1,100").split(",") if f.strip()]
DATABASES = [d.strip() for d in os.environ.get("BENCH_DATABASES", "sqlite,postgresql").split(",")]
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
PAGES = {p.strip() for p in os.environ.get("BENCH_PAGES", "").split(",") if p.strip()}
POSTGRES_DATABASE = os.environ.get("BENCH_POSTGRES_DATABASE", "sf_bench")
REDIS_URL = os.environ.get(
    "BENCH_REDIS_URL", os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
)
DEMO_PASSWORD = "sem-fronteiras-demo"  # noqa: S105 (the documented demo password)
THREADS, CONNECTIONS, WORKERS = 2, 8, 2

# Targets of issue 14 (share of the anonymous floor: 1/N, N at most...).
FLOOR_SESSION_MAX = 2
PAGE_MAX = {1: 20}  # factor 1; any larger factor: PAGE_MAX_LARGE
PAGE_MAX_LARGE = 30
QUERIES_MAX = 10
HTML_MAX = 40 * 1024
P99_MAX_MS = 300

START = "<!-- bench:summary:start -->"
END = "<!-- bench:summary:end -->"


def say(message: str) -> None:
    print(f"== {message}", flush=True)


# --- preparing ----------------------------------------------------------------------------


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        say("installing wrk (Debian package)")
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "wrk"],
            check=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
        found = shutil.which("wrk")
    if not found:
        sys.exit("wrk is needed: sudo apt-get install wrk")
    return found


def redis_reachable() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping())
    except redis.RedisError:
        return False


def postgres_reachable() -> bool:
    import psycopg

    try:
        with psycopg.connect(f"{POSTGRES_URL}/postgres", connect_timeout=3):
            return True
    except psycopg.Error:
        return False


def environment(engine: str, factor: int, prefix: str) -> dict:
    var = VAR / f"{engine}-f{factor}"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "INTRANET_HTTPS": "false",
            "INTRANET_VAR_DIR": str(var),
            "MEDIA_ROOT": str(var / "media"),
            "ALLOWED_HOSTS": HOST,
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "LOG_LEVEL": "ERROR",
            "CACHE_KEY_PREFIX": prefix,
            "WEB_CONCURRENCY": str(WORKERS),
        }
    )
    if engine == "postgresql":
        env["DATABASE_URL"] = f"{POSTGRES_URL}/{POSTGRES_DATABASE}_f{factor}"
    else:
        env["DATABASE_URL"] = f"sqlite:///{var / 'db.sqlite3'}"
    if REDIS_URL:
        env["REDIS_URL"] = REDIS_URL
    return env


def manage(env: dict, *args: str, show: bool = False) -> str:
    result = subprocess.run(
        [str(PYTHON), "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=None if show else subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout or ""


def has_seed_scale(env: dict) -> bool:
    result = subprocess.run(
        [str(PYTHON), "manage.py", "help", "seed_scale"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return result.returncode == 0


def _reset_postgres(factor: int) -> None:
    import psycopg

    name = f"{POSTGRES_DATABASE}_f{factor}"
    with psycopg.connect(f"{POSTGRES_URL}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def prepare(engine: str, factor: int, env: dict) -> None:
    var = Path(env["INTRANET_VAR_DIR"])
    marker = var / "ready"
    if marker.exists() and not os.environ.get("BENCH_REBUILD"):
        say(f"{engine}, factor {factor}: reusing the database built {marker.read_text().strip()}")
        manage(env, "migrate", "--noinput", "-v0")
    else:
        say(f"{engine}, factor {factor}: building the database")
        if var.exists():
            shutil.rmtree(var)
        var.mkdir(parents=True)
        if engine == "postgresql":
            _reset_postgres(factor)
        started = time.monotonic()
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_demo", "--force")
        if factor > 1:
            manage(env, "seed_scale", "--factor", str(factor), "--force", show=True)
        marker.write_text(
            f"{dt.datetime.now():%Y-%m-%d %H:%M} in {time.monotonic() - started:.0f} s\n"
        )
    manage(env, "collectstatic", "--noinput", "-v0")


# --- serving ------------------------------------------------------------------------------


def start_server(env: dict) -> subprocess.Popen:
    log = (Path(env["INTRANET_VAR_DIR"]) / "server.log").open("w")
    server = subprocess.Popen(
        [
            str(PYTHON.parent / "gunicorn"),
            "intranet.wsgi:application",
            "--bind",
            f"{HOST}:{PORT}",
            "--workers",
            str(WORKERS),
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    for _attempt in range(120):
        try:
            requests.get(f"http://{HOST}:{PORT}/healthz/", timeout=2)
            return server
        except requests.RequestException:
            if server.poll() is not None:
                break
            time.sleep(0.5)
    stop_server(server)
    sys.exit(f"The server did not start: see {env['INTRANET_VAR_DIR']}/server.log")


def stop_server(server: subprocess.Popen) -> None:
    try:
        os.killpg(server.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def log_in(username: str) -> str:
    """The Cookie header of a session made through the login form."""
    session = requests.Session()
    url = f"http://{HOST}:{PORT}/accounts/login/"
    form = session.get(url, timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
    if not token:
        sys.exit("No CSRF token on the login page")
    answer = session.post(
        url,
        data={
            "csrfmiddlewaretoken": token.group(1),
            "username": username,
            "password": DEMO_PASSWORD,
            "next": "/",
        },
        headers={"Referer": url},
        allow_redirects=False,
        timeout=30,
    )
    if answer.status_code != 302 or "sessionid" not in session.cookies:
        sys.exit(f"Could not log in as {username}: HTTP {answer.status_code}")
    return "; ".join(f"{name}={value}" for name, value in session.cookies.items())


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _milliseconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


def run_wrk(wrk: str, url: str, cookie: str | None) -> dict:
    command = [wrk, f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=False).stdout
    if "Requests/sec" not in output or "99%" not in output:
        sys.exit(f"wrk gave no result for {url}:\n{output}")
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    if "99" not in latency:
        sys.exit(output)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": _milliseconds(latency["50"]),
        "p99": _milliseconds(latency["99"]),
        "non_2xx": int(bad.group(1)) if bad else 0,
        "socket_errors": errors.group(1) if errors else "",
    }


def measure(engine: str, factor: int, wrk: str, run_id: str) -> dict:
    env = environment(engine, factor, prefix=f"bench-{run_id}-{engine}-{factor}")
    prepare(engine, factor, env)
    pages = json.loads(
        subprocess.run(
            [str(PYTHON), "bench/probe.py", "urls"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    if PAGES:
        pages = [p for p in pages if p["key"] in PAGES or p["key"].startswith("floor")]
    say(f"{engine}, factor {factor}: gunicorn ({WORKERS} workers) on http://{HOST}:{PORT}/")
    server = start_server(env)
    try:
        cookies = {role: log_in(role) for role in {p["role"] for p in pages if p["role"]}}
        counted = json.loads(
            subprocess.run(
                [str(PYTHON), "bench/probe.py", "queries", json.dumps(pages)],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        for page in pages:
            cookie = cookies.get(page["role"])
            answer = requests.get(
                f"http://{HOST}:{PORT}{page['url']}",
                headers={"Cookie": cookie} if cookie else {},
                allow_redirects=False,
                timeout=60,
            )
            page.update(counted[page["key"]], served=answer.status_code, runs=[])
        for round_number in (1, 2):
            say(f"{engine}, factor {factor}: round {round_number} of 2, {SECONDS} s per page")
            for page in pages:
                page["runs"].append(
                    run_wrk(wrk, f"http://{HOST}:{PORT}{page['url']}", cookies.get(page["role"]))
                )
    finally:
        stop_server(server)
    for page in pages:
        page["best"] = max(page["runs"], key=lambda run: run["rps"])
    return {"engine": engine, "factor": factor, "pages": pages}


# --- reporting ----------------------------------------------------------------------------


def check_targets(results: list[dict]) -> list[str]:
    """Marks each missed target on the pages (page["missed"]) and lists them."""
    missed = []
    queries_at = {}
    for result in results:
        pages = {p["key"]: p for p in result["pages"]}
        floor = pages["floor"]["best"]["rps"]
        for page in result["pages"]:
            page["share"] = floor / page["best"]["rps"] if page["best"]["rps"] else float("inf")
            page["missed"] = set()
            queries_at.setdefault((result["engine"], page["key"]), {})[result["factor"]] = page[
                "queries"
            ]
            if page["key"] == "floor":
                continue
            limit = (
                FLOOR_SESSION_MAX
                if page["key"] == "floor-session"
                else PAGE_MAX.get(result["factor"], PAGE_MAX_LARGE)
            )
            if page["share"] > limit:
                page["missed"].add("share")
            if page["queries"] > QUERIES_MAX:
                page["missed"].add("queries")
            if page["bytes"] > HTML_MAX:
                page["missed"].add("html")
            # wrk shows 0 when no request finished within the run: slower than anything.
            if page["best"]["p99"] >= P99_MAX_MS or page["best"]["p99"] == 0:
                page["missed"].add("p99")
            if page["served"] != 200 or page["best"]["non_2xx"]:
                page["missed"].add("status")
    for result in results:
        for page in result["pages"]:
            counts = queries_at[(result["engine"], page["key"])]
            if len(set(counts.values())) > 1:
                page["missed"].add("growth")
            if page["missed"]:
                where = f"{result['engine']}, factor {result['factor']}"
                missed.append(f"{where}, {page['label']}: {', '.join(sorted(page['missed']))}")
    return missed


def _mark(page: dict, target: str, text: str) -> str:
    return f"**{text}** ✗" if target in page["missed"] else text


def table(result: dict) -> str:
    lines = [
        f"#### {result['engine']}, factor {result['factor']}",
        "",
        "| page | role | req/s | p50 ms | p99 ms | share of the floor | queries | HTML |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for page in result["pages"]:
        best = page["best"]
        share = "1" if page["key"] == "floor" else f"1/{page['share']:.1f}"
        size = "—" if page["key"].startswith("floor") else f"{page['bytes'] / 1024:.0f} KB"
        status = "" if page["served"] == 200 else f" (HTTP {page['served']})"
        queries = f"{page['queries']}"
        p99 = f"{best['p99']:.0f}" if best["p99"] else f"> {SECONDS * 1000}"
        if "growth" in page["missed"]:
            queries += " (grows)"
        lines.append(
            f"| {page['label']}{status} | {page['role'] or 'anonymous'} "
            f"| {best['rps']:.0f} | {best['p50']:.1f} | {_mark(page, 'p99', p99)} "
            f"| {_mark(page, 'share', share)} | {_mark(page, 'queries', queries)} "
            f"| {_mark(page, 'html', size)} |"
        )
    return "\n".join(lines)


def machine() -> str:
    load = os.getloadavg()
    return f"{os.cpu_count()} cores, load {load[0]:.1f} / {load[1]:.1f} at the end"


def commit() -> str:
    result = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() or "unknown"


def report(results: list[dict], skipped: list[str], missed: list[str]) -> str:
    now = dt.datetime.now(dt.UTC)
    parts = [
        f"Measured {now:%Y-%m-%d %H:%M} UTC on commit {commit()} ({machine()}): gunicorn, "
        f"{WORKERS} sync workers, production settings, Redis cache and sessions; wrk "
        f"{THREADS} threads × {CONNECTIONS} connections for {SECONDS} s per page, two "
        "alternating rounds, the better one kept. The share of the floor compares each page "
        'with the anonymous `HttpResponse("ok")` behind the same middleware in the same run. '
        "Queries and HTML size from the test client with warm caches.",
        "",
        f"Targets: logged-in floor ≥ 1/{FLOOR_SESSION_MAX}; pages ≥ 1/{PAGE_MAX[1]} at factor 1 "
        f"and ≥ 1/{PAGE_MAX_LARGE} above; ≤ {QUERIES_MAX} queries, the same at every factor; "
        f"HTML ≤ {HTML_MAX // 1024} KB; p99 < {P99_MAX_MS} ms. ✗ marks a miss.",
        "",
    ]
    for result in results:
        parts += [table(result), ""]
    if skipped:
        parts += ["Not measured:", "", *[f"- {reason}" for reason in skipped], ""]
    if missed:
        parts += [f"Pages missing a target ({len(missed)}):", "", *[f"- {m}" for m in missed], ""]
    else:
        parts += ["Every target met.", ""]
    return "\n".join(parts)


def write(markdown: str) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{dt.datetime.now():%Y%m%d-%H%M%S}.md"
    path.write_text("# make bench\n\n" + markdown, encoding="utf-8")
    if PERFORMANCE_DOC.exists() and not PAGES:
        text = PERFORMANCE_DOC.read_text(encoding="utf-8")
        if START in text and END in text:
            head, rest = text.split(START, 1)
            _old, tail = rest.split(END, 1)
            PERFORMANCE_DOC.write_text(f"{head}{START}\n{markdown}\n{END}{tail}", encoding="utf-8")
    return path


def main() -> int:
    wrk = ensure_wrk()
    global WORKERS  # noqa: PLW0603 (one worker without a shared cache, said in the report)
    skipped = []
    if not redis_reachable():
        skipped.append(f"Redis not reachable at {REDIS_URL}: one gunicorn worker instead of two")
        WORKERS = 1
    run_id = f"{time.time_ns() // 1_000_000}"
    results = []
    for engine in DATABASES:
        if engine == "postgresql" and not postgres_reachable():
            skipped.append(f"PostgreSQL: no server at {POSTGRES_URL}")
            continue
        for factor in FACTORS:
            if factor > 1 and not has_seed_scale(environment(engine, factor, "probe")):
                skipped.append(
                    f"{engine}, factor {factor}: `manage.py seed_scale` does not exist yet"
                )
                continue
            results.append(measure(engine, factor, wrk, run_id))
    if not results:
        sys.exit("Nothing was measured: " + "; ".join(skipped))
    missed = check_targets(results)
    markdown = report(results, skipped, missed)
    path = write(markdown)
    print()
    print(markdown)
    if PAGES:  # a partial run leaves the summary of docs/performance.md alone
        print(f"Written to {path.relative_to(ROOT)}.")
    else:
        print(f"Written to {path.relative_to(ROOT)} and {PERFORMANCE_DOC.relative_to(ROOT)}.")
    return 1 if missed and os.environ.get("BENCH_STRICT") else 0


if __name__ == "__main__":
    sys.exit(main())
