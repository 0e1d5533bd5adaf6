"""Production settings plus the benchmark's floor view (bench/urls.py). Used by `make bench`
only: the site serves exactly as in production, with one extra URL."""

from intranet.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
