#!/usr/bin/env bash
# Production-like serving on one machine: gunicorn and the django-tasks worker side by side
# (e-mails and search-index updates wait in the database until the worker runs them).
# If either stops, the other is stopped too and the script exits with its status, so a
# supervisor (systemd, a container runtime) restarts the pair. `make serve` runs this.
set -euo pipefail
cd "$(dirname "$0")/.."
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
# The settings read it too: more than one worker needs REDIS_URL (shared sessions).
export WEB_CONCURRENCY=${WEB_CONCURRENCY:-3}

.venv/bin/python manage.py db_worker --interval 2 &
worker=$!
.venv/bin/gunicorn intranet.wsgi:application --bind "$HOST:$PORT" \
  --workers "$WEB_CONCURRENCY" --timeout 60 --access-logfile - &
web=$!
trap 'kill "$worker" "$web" 2>/dev/null || true' EXIT INT TERM
wait -n "$worker" "$web"
