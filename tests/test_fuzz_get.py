"""Every query parameter of every GET route gets hostile values, as each role: no 5xx.

The routes come from the URL resolver (the classification in test_url_permissions.py,
which fails on any unclassified pattern) and from every page type of the tree. The
parameter names are read from the code: the sources reachable from each view (its
decorators, the functions and classes it calls, to a few levels) are scanned for
``request.GET`` reads, and every form class met there adds its fields. Nothing is listed
by hand, so a new parameter is fuzzed as soon as a view reads it.
"""

import importlib
import importlib.util
import inspect
import re
import sys
from urllib.parse import quote

from django import forms
from django.test import Client

from wagtail.models import Page, get_page_models

import pytest

from intranet.core.models import ContentPage, HomePage
from tests.test_url_permissions import ROUTES, all_patterns, objects  # noqa: F401

PROJECT_PACKAGES = ("intranet", "network", "training")
DEPTH = 3

# Encoded as they would arrive on the wire (already %-escaped where needed).
HOSTILE = [
    quote('"'),
    quote("'"),
    quote('Lei "23/2007"'),
    quote('a" OR "b'),
    quote("NEAR(a b) AND NOT c*"),
    quote("^-*:()[]{}"),
    "%00",
    quote("a\x00b"),
    "x" * 5000,
    "%FF%FE%FD",  # not UTF-8
    "-1",
    "0",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    quote("../../../etc/passwd"),
    quote("<script>alert(1)</script>"),
    quote("١٢٣"),  # Arabic-Indic digits: int() accepts them
]


def _in_project(obj) -> bool:
    return (getattr(obj, "__module__", None) or "").split(".")[0] in PROJECT_PACKAGES


def _reachable(starts) -> tuple[list[str], set[type]]:
    """Source texts of the project code reachable from ``starts``, and the form classes."""
    sources, form_classes, seen = [], set(), set()
    stack = [(start, 0) for start in starts]
    while stack:
        obj, depth = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if inspect.isclass(obj):
            if issubclass(obj, forms.BaseForm):
                form_classes.add(obj)
            functions = [v for v in vars(obj).values() if inspect.isfunction(v)]
            namespace = vars(sys.modules[obj.__module__])
        else:
            functions, namespace = [obj], obj.__globals__
        for function in functions:
            try:
                source = inspect.getsource(function)
            except (OSError, TypeError):
                continue
            sources.append(source)
            if depth >= DEPTH:
                continue
            namespace = {**namespace, **_local_imports(source, function.__module__)}
            for name, attribute in re.findall(r"\b([A-Za-z_]\w*)(?:\.([A-Za-z_]\w*))?", source):
                target = namespace.get(name)
                if attribute and inspect.ismodule(target):
                    target = getattr(target, attribute, None)
                if (inspect.isfunction(target) or inspect.isclass(target)) and _in_project(target):
                    stack.append((target, depth + 1))
    return sources, form_classes


def _local_imports(source: str, module_name: str) -> dict:
    """Names imported inside a function (``from ..services import directory_context``)."""
    found = {}
    package = module_name.rsplit(".", 1)[0]
    for module, names in re.findall(r"from\s+([.\w]+)\s+import\s+([\w, ]+)", source):
        try:
            imported = importlib.import_module(importlib.util.resolve_name(module, package))
        except ImportError:
            continue
        for name in (n.strip() for n in names.split(",")):
            if hasattr(imported, name):
                found[name] = getattr(imported, name)
    return found


GET_READS = [
    re.compile(r"request\.GET\.(?:get|getlist)\(\s*[\"']([^\"']+)[\"']"),
    re.compile(r"request\.GET\[\s*[\"']([^\"']+)[\"']\s*\]"),
    re.compile(r"[\"']([^\"']+)[\"']\s+(?:not\s+)?in\s+request\.GET"),
    # request.GET handed on as ``params`` (training report, office filter).
    re.compile(r"\bparams\.(?:get|getlist)\(\s*[\"']([^\"']+)[\"']"),
]


def parameters_of(starts) -> set[str]:
    sources, form_classes = _reachable(starts)
    names = {
        name for source in sources for pattern in GET_READS for name in pattern.findall(source)
    }
    reads_get = any("request.GET" in source for source in sources)
    if reads_get:
        for form_class in form_classes:
            names |= set(form_class.base_fields)
    return names


def _view_starts(callback) -> list:
    starts, function = [], callback
    while function is not None:
        starts.append(getattr(function, "view_class", function))
        function = getattr(function, "__wrapped__", None)
    return starts


def _page_starts(page) -> list:
    return [cls for cls in type(page).__mro__ if _in_project(cls)]


def _queries(names: set[str]) -> list[str]:
    """All parameters at once with each hostile value, then arrays and odd shapes."""
    names = sorted(names)
    queries = ["&".join(f"{quote(n)}={value}" for n in names) for value in HOSTILE]
    queries.append("&".join(f"{quote(n)}=1&{quote(n)}=2" for n in names))
    queries.append("&".join(f"{quote(n)}%5B%5D=x&{quote(n)}%5B0%5D=y" for n in names))
    queries.append("&".join(f"{quote(n)}" for n in names))  # no "=" at all
    return queries


def _get_routes(objects):  # noqa: F811
    """(label, path, parameter names) for each GET route and each page type."""
    callbacks = {key: callback for key, _route, callback in all_patterns()}
    routes = []
    for key, route in sorted(ROUTES.items()):
        if route.method != "get" or key == "wagtail_serve":
            continue
        path = route.url(objects).split("?")[0]
        routes.append((key, path, parameters_of(_view_starts(callbacks[key]))))
    serve_names = parameters_of(_view_starts(callbacks["wagtail_serve"]))
    for page in Page.objects.live().specific().order_by("path"):
        names = serve_names | parameters_of(_page_starts(page))
        routes.append((type(page).__name__, page.url, names))
    return routes


@pytest.fixture
def fuzz_routes(objects):  # noqa: F811
    home = HomePage.objects.get()
    home.add_child(instance=ContentPage(title="Como funciona a intranet", slug="como-funciona"))
    return _get_routes(objects)


def test_parameters_are_found_in_the_code(fuzz_routes):
    """The scan finds what the views read (so the fuzzing below is not vacuous)."""
    by_label = {label: names for label, _path, names in fuzz_routes}
    assert {"q", "page"} <= by_label["search"]
    assert {"q", "office", "language", "expertise", "page"} <= by_label["people:finder"]
    assert {"when", "page"} <= by_label["training:session-list"]
    assert {"office", "behind"} <= by_label["training:report"]
    assert "token" in by_label["training:my-sessions-ics"]
    assert {"print", "page", "q"} <= by_label["NetworkDirectoryPage"]
    assert {"sort", "tag", "page"} <= by_label["KnowledgeSectionPage"]
    assert "q" in by_label["LegalUpdateIndexPage"]


def test_every_page_type_is_fuzzed(fuzz_routes):
    fuzzed = {label for label, _path, _names in fuzz_routes}
    page_types = {m.__name__ for m in get_page_models() if _in_project(m) and not m._meta.abstract}
    assert page_types <= fuzzed, page_types - fuzzed


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "partner", "staff", "coordinator", "admin"])
def test_no_get_parameter_makes_a_server_error(fuzz_routes, role_users, role):
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(role_users[role])
    failures = []
    for label, path, names in fuzz_routes:
        if not names:
            continue
        for query in _queries(names):
            response = client.get(f"{path}?{query}")
            if response.status_code >= 500:
                failures.append(f"{response.status_code} {label} {path}?{query[:120]}")
    assert not failures, "\n".join(failures[:30])


@pytest.mark.django_db
def test_each_parameter_alone(fuzz_routes, coordinator_user):
    """One parameter at a time, as the role that reaches every route, so that one bad
    value rejected early cannot hide what another parameter does."""
    client = Client(raise_request_exception=False)
    client.force_login(coordinator_user)
    failures = []
    for label, path, names in fuzz_routes:
        for name in sorted(names):
            for value in HOSTILE:
                response = client.get(f"{path}?{quote(name)}={value}")
                if response.status_code >= 500:
                    failures.append(f"{response.status_code} {label} {name}={value[:60]}")
    assert not failures, "\n".join(failures[:30])
