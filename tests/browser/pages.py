"""Page objects shared by every browser test: one place that knows how the login form,
the header, the dashboard, the people finder, profiles and the directory are driven.

    from tests.browser.pages import Directory, PeopleFinder, log_in

    log_in(browser_page, "joana")                      # PASSWORD unless told
    PeopleFinder(browser_page).open().search("joao")   # -> ["João Simões"]

``page`` is a Playwright page whose ``base_url`` is the live server (the ``browser_page``
fixture sets it; pass ``base_url=`` to ``log_in`` for a page of your own). Page objects
find things by ``data-testid``, ids and roles, never by Portuguese sentences, so a change
of wording breaks no test.
"""

from tests.core.factories import PASSWORD


def log_in(page, username: str, password: str = PASSWORD, *, base_url: str | None = None):
    """Log in through the login form and check that it worked."""
    if base_url is not None:
        page.base_url = base_url
    LoginPage(page).open().submit(username, password)
    assert "/accounts/login/" not in page.url, f"{username} could not log in"
    return Dashboard(page)


class BasePage:
    def __init__(self, page):
        self.page = page

    def goto(self, path: str):
        self.page.goto(self.page.base_url + path)
        return self

    def click_and_wait(self, selector: str) -> None:
        with self.page.expect_navigation():
            self.page.click(selector)

    @property
    def heading(self) -> str:
        return self.page.locator("h1").inner_text()

    @property
    def messages(self) -> str:
        return self.page.locator(".messages").inner_text()

    @property
    def header(self) -> "Header":
        return Header(self.page)

    def fits(self, width: int) -> bool:
        """No sideways scrolling at this screen width."""
        return self.page.evaluate("document.documentElement.scrollWidth") <= width


class Header(BasePage):
    """The header: on a phone the menu (sections, language, user menu) and the search each
    sit behind one button; ``open_menu``/``open_search`` tap it when it is folded."""

    def is_folded(self) -> bool:
        return self.page.locator("[data-testid=menu-toggle]").is_visible()

    def open_menu(self) -> None:
        if self.is_folded() and not self.page.locator("[data-testid=site-menu]").is_visible():
            self.page.click("[data-testid=menu-toggle]")

    def open_search(self) -> None:
        if not self.page.locator("#site-search-q").is_visible():
            self.page.click("[data-testid=search-toggle]")

    def search(self, text: str) -> None:
        self.open_search()
        self.page.fill("#site-search-q", text)
        with self.page.expect_navigation():
            self.page.press("#site-search-q", "Enter")

    def switch_language(self, code: str) -> None:
        self.open_menu()
        self.click_and_wait(f"[data-testid=language-{code}]")

    def open_user_menu(self) -> None:
        self.open_menu()
        self.page.click("[data-testid=user-menu] summary")

    def log_out(self) -> None:
        self.open_user_menu()
        self.click_and_wait("[data-testid=logout]")

    def section_links(self) -> list[str]:
        self.open_menu()
        return self.page.locator(".main-nav a").all_inner_texts()


class LoginPage(BasePage):
    def open(self):
        return self.goto("/accounts/login/")

    def submit(self, username: str, password: str) -> None:
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
        self.click_and_wait("[data-testid=login-submit]")

    def log_in(self, username: str, password: str = PASSWORD) -> "Dashboard":
        self.submit(username, password)
        return Dashboard(self.page)


class Dashboard(BasePage):
    def open(self):
        return self.goto("/")

    def panel(self, key: str):
        return self.page.locator(f"[data-testid=panel-{key}]")


class PeopleFinder(BasePage):
    def open(self, query: str = ""):
        from django.urls import reverse

        return self.goto(reverse("people:finder") + (f"?{query}" if query else ""))

    def search(self, text: str) -> list[str]:
        self.page.fill("#id_q", text)
        self.click_and_wait("[data-testid=finder-submit]")
        return self.names()

    def names(self) -> list[str]:
        return self.page.locator("[data-testid=person] .person-card__name a").all_inner_texts()


class ProfilePage(BasePage):
    def open(self, username: str):
        from django.urls import reverse

        return self.goto(reverse("people:profile", args=[username]))

    @property
    def text(self) -> str:
        return self.page.locator("[data-testid=profile]").inner_text()

    def has(self, testid: str) -> bool:
        return self.page.locator(f"[data-testid={testid}]").count() > 0

    def mark_as_left(self) -> "ConfirmLeftPage":
        self.click_and_wait("[data-testid=mark-left]")
        return ConfirmLeftPage(self.page)

    def mark_as_returned(self) -> None:
        self.click_and_wait("[data-testid=mark-returned]")


class ConfirmLeftPage(BasePage):
    @property
    def consequences(self):
        return self.page.locator("[data-testid=left-consequences] li")

    def confirm(self) -> ProfilePage:
        self.click_and_wait("[data-testid=confirm-left]")
        return ProfilePage(self.page)

    def cancel(self) -> ProfilePage:
        self.click_and_wait("[data-testid=cancel-left]")
        return ProfilePage(self.page)


class ProfileForm(BasePage):
    def open(self):
        from django.urls import reverse

        return self.goto(reverse("people:edit-own"))

    def fill(self, **values: str) -> None:
        for field, value in values.items():
            self.page.fill(f"#id_{field}", value)

    def save(self) -> None:
        self.click_and_wait("[data-testid=profile-save]")

    def error(self, field: str):
        return self.page.locator(f"#id_{field}_error")


class Directory(BasePage):
    """The network directory, wherever an editor has put it."""

    def open(self):
        from intranet.core.sections import section_url

        return self.goto(section_url("network.NetworkDirectoryPage"))

    def filter(self, **choices: str) -> None:
        for name, value in choices.items():
            field = self.page.locator(f"#id_{name}")
            if field.evaluate("element => element.tagName") == "SELECT":
                field.select_option(value)
            else:  # a typed filter with suggestions (the municipality)
                field.fill(value)
        self.click_and_wait("[data-testid=directory-filter-submit]")

    def provider_names(self) -> list[str]:
        return self.page.locator("[data-testid=provider-card] h3").all_inner_texts()

    def office_names(self) -> list[str]:
        return self.page.locator("[data-testid=office-card] > a").all_inner_texts()


class EnquiryForm(BasePage):
    """The enquiry form (/enquiries/new/): fields by name, choices tapped by their label."""

    def field(self, name: str):
        return self.page.locator(f"[data-testid=enquiry-form] [name={name}]")

    def checked(self, name: str) -> str:
        return self.page.locator(f"input[name={name}]:checked").get_attribute("value")

    def choose(self, name: str, value: str) -> None:
        radio = self.page.locator(f"input[name={name}][value={value}]")
        self.page.locator(f"label[for={radio.get_attribute('id')}]").click()

    def resources(self, kind: str):
        """The answer at hand of one kind: "knowledge", "legal" or "provider"."""
        return self.page.locator(f"[data-testid=answer-at-hand] [data-testid=resources-{kind}]")

    def save(self) -> None:
        self.click_and_wait("[data-testid=enquiry-save]")


class FieldQueue(BasePage):
    """Field mode on a page of a signed-in person: the service worker's readiness and the
    waiting list of entries kept on the device (enquiry and outreach forms, enquiry log)."""

    def wait_until_kept(self) -> None:
        """The worker is running and holds this person's offline pages."""
        self.page.wait_for_selector("html[data-field-mode=ready]", state="attached")

    def go_offline(self, offline: bool = True) -> None:
        self.page.context.set_offline(offline)

    def wait_for_count(self, n: int) -> None:
        self.page.wait_for_selector(f"html[data-queue-size='{n}']", state="attached")

    @property
    def count_shown(self) -> str:
        return self.page.locator("[data-testid=queue-count]").inner_text()

    @property
    def entries(self):
        return self.page.locator("[data-testid=queued-entry]")

    def errors(self, index: int = 0) -> str:
        return self.entries.nth(index).locator("[data-testid=queued-entry-errors]").inner_text()

    def fix(self, index: int = 0) -> None:
        self.entries.nth(index).locator("[data-testid=queued-entry-fix]").click()

    def send_now(self) -> None:
        self.page.click("[data-testid=send-now]")

    def device_holds(self) -> dict:
        """What the browser keeps for field mode: cache names and queued entries."""
        return self.page.evaluate(
            """async () => {
                const caches_ = (await caches.keys()).filter(k => k.startsWith("sf-"));
                const entries = await new Promise(resolve => {
                    const open = indexedDB.open("sf-field-mode", 1);
                    open.onupgradeneeded = () =>
                        open.result.createObjectStore("entries", {keyPath: "client_id"});
                    open.onsuccess = () => {
                        const db = open.result;
                        const req = db.transaction("entries").objectStore("entries").count();
                        req.onsuccess = () => { db.close(); resolve(req.result); };
                    };
                    open.onerror = () => resolve(-1);
                });
                return {caches: caches_, entries};
            }"""
        )


class SiteSearch(BasePage):
    """The one search box in the header (behind a button on a phone) and its results."""

    def search(self, text: str) -> "SiteSearch":
        toggle = self.page.locator("[data-testid=search-toggle]")
        if toggle.is_visible():
            toggle.click()
        self.page.fill("#site-search-q", text)
        with self.page.expect_navigation():
            self.page.press("#site-search-q", "Enter")
        return self

    def groups(self) -> dict[str, list[str]]:
        """{type key: result titles}, in the order shown."""
        found = {}
        for group in self.page.locator("[data-testid^=search-group-]").all():
            key = group.get_attribute("data-testid").removeprefix("search-group-")
            found[key] = group.locator(".search-hit > a").all_inner_texts()
        return found

    def highlighted(self) -> list[str]:
        return self.page.locator("[data-testid=search-results] mark").all_inner_texts()
