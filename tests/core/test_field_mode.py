"""Field mode's core: the web manifest and the service worker served from the site root
(open, nothing personal), the list of offline pages each role's pages give the worker,
the policy headers they need, and log-out telling the browser to forget the device's copies."""

import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.management import call_command

import pytest
from PIL import Image

from intranet.core.field_mode import STATIC_FILES

WORKER = "/sw.js"
MANIFEST = "/manifest.webmanifest"
BUNDLE_LIMIT = 300 * 1024


class ConfigBlock(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inside = False
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.inside = tag == "script" and ("id", "field-mode-config") in attrs

    def handle_endtag(self, tag):
        self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.text += data


def _config(html: str) -> dict | None:
    parser = ConfigBlock()
    parser.feed(html)
    return json.loads(parser.text) if parser.text else None


@pytest.mark.django_db
def test_the_worker_is_served_from_the_root_to_anyone(client):
    response = client.get(WORKER)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    script = response.content.decode()
    config = json.loads(re.search(r"var CONFIG = (\{.*\});", script).group(1))
    assert config["admin_prefix"] == "/admin/"
    assert config["static_files"] == [f"/static/{name}" for name in STATIC_FILES]
    assert all(finders.find(name) for name in STATIC_FILES)
    # Its version follows the files it stores, so browsers install a new worker on change.
    assert re.fullmatch(r"[0-9a-f]{16}", config["version"])


@pytest.mark.django_db
def test_the_manifest_names_the_network_with_its_icons_and_colour(client):
    response = client.get(MANIFEST)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert manifest["short_name"] == "Sem Fronteiras"
    assert (manifest["start_url"], manifest["scope"], manifest["display"]) == (
        "/",
        "/",
        "standalone",
    )
    assert manifest["theme_color"] == "#0b5d4b"
    css = Path(finders.find("css/intranet.css")).read_text(encoding="utf-8")
    assert f"--green: {manifest['theme_color']}" in css
    sizes = set()
    for icon in manifest["icons"]:
        path = finders.find(icon["src"].removeprefix("/static/"))
        with Image.open(path) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"]
            sizes.add((image.width, icon["purpose"]))
    assert {(192, "any"), (512, "any"), (512, "maskable")} <= sizes


@pytest.mark.django_db
def test_partners_may_fetch_the_worker_and_manifest(client_for, partner_user):
    client = client_for(partner_user)
    assert client.get(WORKER).status_code == 200
    assert client.get(MANIFEST).status_code == 200


@pytest.mark.django_db
def test_each_role_keeps_only_its_own_pages_offline(client_for, role_users, client):
    offline = {}
    keys = set()
    for role, user in role_users.items():
        html = client_for(user).get("/directory/").content.decode()
        assert '<link rel="manifest" href="/manifest.webmanifest">' in html
        config = _config(html)
        offline[role] = {page["url"] for page in config["pages"]}
        keys.add(config["user"])
        assert config["worker"] == WORKER
    staff_pages = {"/enquiries/new/", "/enquiries/outreach/new/", "/directory/offline/"}
    assert offline["staff"] == offline["coordinator"] == offline["admin"] == staff_pages
    assert offline["partner"] == {"/directory/offline/"}
    assert len(keys) == 4  # one cache per person, named by an opaque key
    assert not any(user.username in key for user in role_users.values() for key in keys)
    client.logout()
    assert _config(client.get("/accounts/login/").content.decode()) is None


@pytest.mark.django_db
def test_the_policy_allows_this_sites_worker_and_manifest_only(client_for, staff_user):
    policy = client_for(staff_user).get("/enquiries/new/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["worker-src"] == "'self'"
    assert directives["manifest-src"] == "'self'"
    assert directives["script-src"] == "'self'"


@pytest.mark.django_db
def test_log_out_tells_the_browser_to_forget_the_devices_copies(client_for, staff_user):
    client = client_for(staff_user)
    html = client.get("/").content.decode()
    assert re.search(r'<form method="post" action="/accounts/logout/" data-logout>', html)
    response = client.post("/accounts/logout/")
    assert response.status_code == 200
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    assert client.get("/enquiries/new/").status_code == 302


@pytest.mark.django_db
def test_the_offline_bundle_of_the_demo_stays_under_300_kb(client_for, django_user_model):
    """Everything a phone stores for field mode, for the person with most to keep (a staff
    member: the forms, and the directory with referral notes): the worker, every static
    file it keeps and each page kept for offline use, on the demo data."""
    call_command("load_demo", stdout=io.StringIO())
    client = client_for(django_user_model.objects.get(username="staff"))
    sizes = {WORKER: len(client.get(WORKER).content)}
    config = _config(client.get("/").content.decode())
    needed = set()
    for page in config["pages"]:
        response = client.get(page["url"])
        assert response.status_code == 200
        sizes[page["url"]] = len(response.content)
        html = response.content.decode()
        needed |= {url.split("#")[0] for url in re.findall(r'(?:src|href)="(/static/[^"]+)"', html)}
    # Offline, a kept page finds every file it uses in the worker's store.
    stored = {f"/static/{name}" for name in STATIC_FILES}
    assert needed <= stored, needed - stored
    for name in STATIC_FILES:
        with open(finders.find(name), "rb") as handle:
            sizes[name] = len(handle.read())
    assert sizes["/directory/offline/"] > 20_000, "the demo's directory should be in the copy"
    assert sum(sizes.values()) < BUNDLE_LIMIT, sizes
