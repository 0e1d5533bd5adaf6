"""Benchmarks: how long the main pages take as the data grows.

Run with `make bench`. Seeds a throwaway SQLite database (or DATABASE_URL) with the demo data
plus N extra pages, then times each URL with Django's test client, logged in as each role.
Prints the median of several runs and the number of queries per request: the query count must
not grow with N.

    .venv/bin/python bench/run.py --pages 200 --runs 15
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200, help="extra content pages to seed")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("urls", nargs="*", default=["/", "/search/?q=rede", "/directory/"])
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="sf-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "intranet.settings.test"
    os.environ["INTRANET_VAR_DIR"] = tmp

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from intranet.core.demo import DEMO_PASSWORD
    from intranet.core.models import ContentPage, HomePage

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    home = HomePage.objects.get()
    existing = ContentPage.objects.filter(slug__startswith="bench-").count()
    for n in range(existing, args.pages):
        home.add_child(
            instance=ContentPage(title=f"Ficha de trabalho {n}", slug=f"bench-{n}")
        ).save_revision().publish()

    print(f"{'user':<12} {'url':<28} {'median ms':>10} {'p90 ms':>8} {'queries':>8}")
    for username in ["staff", "coordinator", "partner"]:
        client = Client()
        client.login(username=username, password=DEMO_PASSWORD)
        for url in args.urls:
            client.get(url)  # warm caches
            timings = []
            for _ in range(args.runs):
                start = time.perf_counter()
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(url, follow=True)
                timings.append((time.perf_counter() - start) * 1000)
            p90 = sorted(timings)[int(len(timings) * 0.9) - 1]
            print(
                f"{username:<12} {url:<28} {statistics.median(timings):>10.1f} {p90:>8.1f} "
                f"{len(queries.captured_queries):>8}  (HTTP {response.status_code})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
