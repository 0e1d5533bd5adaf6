"""Rate limits for the views that strangers can hammer: password reset, certificate checks.

Login failures are django-axes' job (settings: AXES_*); this is for views that do not log
anyone in but send e-mail or answer "does this exist?". Each limit counts per client
address and per target (the e-mail address asked for, the code checked), in fixed
windows, in the ``throttle`` cache, which every gunicorn worker shares (a file cache, or
Redis when REDIS_URL is set). The limits are settings (``RATE_LIMITS``) so operations can
tune them.
"""

import hashlib
import ipaddress
import time
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.shortcuts import render
from django.utils.translation import gettext as _

THROTTLE_CACHE = "throttle"


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The client's address. Behind ``INTRANET_PROXY_COUNT`` trusted reverse proxies it is
    the entry that many places from the right of X-Forwarded-For (the left part can be
    forged by the client); with no proxy, REMOTE_ADDR. None when there is no valid one."""
    proxies = getattr(settings, "INTRANET_PROXY_COUNT", 0)
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= proxies and (address := _valid_ip(forwarded[-proxies])):
            return address
    return _valid_ip(request.META.get("REMOTE_ADDR", ""))


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: int


def _limit(scope: str, kind: str) -> Limit | None:
    value = settings.RATE_LIMITS.get(scope, {}).get(kind)
    return Limit(*value) if value else None


def _hit(scope: str, kind: str, value: str) -> bool:
    """Count one attempt; True when it goes over the limit."""
    limit = _limit(scope, kind)
    if limit is None or not value:
        return False
    window = int(time.time() // limit.seconds)
    # Hashed: the cache holds no e-mail addresses, and keys stay short and safe.
    digest = hashlib.sha256(f"{scope}:{kind}:{value}".encode()).hexdigest()[:32]
    key = f"rl:{digest}:{window}"
    cache = caches[THROTTLE_CACHE]
    cache.add(key, 0, timeout=limit.seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=limit.seconds)
        count = 1
    return count > limit.count


def over_limit(scope: str, request, target: str = "") -> bool:
    """Count this request for its address and its target; True if either is over.
    Both are counted even when the first is over, so a flood keeps its own count."""
    by_ip = _hit(scope, "per_ip", client_ip(request) or "unknown")
    by_target = _hit(scope, "per_target", target.strip().lower())
    return by_ip or by_target


def too_many_requests(request):
    response = render(
        request,
        "429.html",
        {"page_title": _("Too many attempts")},
        status=429,
    )
    response["Retry-After"] = "600"
    return response


def rate_limited(scope: str, target=None):
    """Decorate a view: over the limit it answers 429 with a page saying to wait.
    ``target(request, *args, **kwargs) -> str`` names what is being asked about."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            aim = target(request, *args, **kwargs) if target else ""
            if over_limit(scope, request, aim):
                return too_many_requests(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
