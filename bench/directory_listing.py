"""Time the directory listing with N service providers (default 1,000), using the test
client on a throw-away test database.

    .venv/bin/python bench/directory_listing.py [N]

Prints the query count and the median time of a few requests to /directory/ with and
without filters. The counts should not change with N.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intranet.settings.test")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
)

URLS = ["/directory/", "/directory/?open_now=on&after_hours=on", "/directory/?q=servi&page=5"]


def seed(count: int) -> None:
    import datetime as dt

    from network.models import ProviderOpeningHours, ServiceProvider

    providers = ServiceProvider.objects.bulk_create(
        ServiceProvider(
            slug=f"servico-{i}", name=f"Serviço {i:05d}", category="housing", municipality="Évora"
        )
        for i in range(count)
    )
    ProviderOpeningHours.objects.bulk_create(
        ProviderOpeningHours(provider=p, weekday=i % 7, opens=dt.time(9), closes=dt.time(19))
        for i, p in enumerate(providers)
    )


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        seed(count)
        user = User.objects.create_user("bench", password="bench-password-1")  # noqa: S106
        user.groups.add(Group.objects.get(name="Staff"))
        client = Client()
        client.force_login(user)
        for url in URLS:
            client.get(url)
            times = []
            for _ in range(5):
                with CaptureQueriesContext(connection) as queries:
                    start = time.perf_counter()
                    client.get(url)
                    times.append(time.perf_counter() - start)
            print(
                f"{count} providers  {url:45} {len(queries):3} queries  "
                f"median {statistics.median(times) * 1000:.0f} ms"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
