#!/usr/bin/env python3
"""Take the screenshots of the user guide (docs/guide/img/) from the demo database.

Logs in as each role of the guide (the demo logins of the README), opens the screens
the guide walks through in a headless Chromium and saves one PNG per step, so that
the pictures follow the product. Nothing is saved in the database: dialogs are
opened and closed without saving.

    python3 tools/guide_screenshots.py [--url http://127.0.0.1:8069]
                                       [--db mentorship_demo] [--only curator,mentor]
                                       [--out docs/guide/img]

Normally run by `make guide` (tools/guide.sh), which serves a fresh demo database
first. Needs the Python package playwright and a Chromium (`apt-get install
chromium`; the browser of `playwright install` works too). Exits non-zero when a
screen could not be taken; the others are still saved.
"""

import argparse
import io
import os
import shutil
import sys
import time
import traceback
import xmlrpc.client
from pathlib import Path

from playwright.sync_api import sync_playwright

try:
    from PIL import Image
except ImportError:  # the PNGs are then kept as Chromium writes them
    Image = None

REPO_ROOT = Path(__file__).resolve().parent.parent
VIEWPORT = {"width": 1440, "height": 900}
TIMEOUT = 30_000  # ms, for one screen to load
MAX_HEIGHT = 1800  # px, of a full-page shot (portal pages)

# role -> (login, password): the demo logins of the README
LOGINS = {
    "curator": ("curator_demo", "curator_demo"),
    "director": ("admin", "admin"),
    "mentor": ("mentor_demo", "mentor_demo"),
    "mentee": ("mentee_demo", "mentee_demo"),
    "pupil": ("pupil_demo", "pupil_demo"),
    "parent": ("parent_demo", "parent_demo"),
    "hr": ("hr_demo", "hr_demo"),
    "coordinator": ("coordinator_demo", "coordinator_demo"),
}

M = "odoo_mentorship."


def action(xmlid, record=None, view_type=None):
    """The web client's URL of a window action (optionally
    one record, or a view type)."""
    path = f"/odoo/action-{xmlid if '.' in xmlid else M + xmlid}"
    if record:
        path += f"/{record}"
    if view_type:
        path += f"?view_type={view_type}"
    return path


class Guide:
    def __init__(self, url, db, out):
        self.url = url.rstrip("/")
        self.db = db
        self.out = Path(out)
        self.failed = []
        self.saved = []
        self._ids = {}

    # ------------------------------------------------------------- data --
    def ref(self, xmlid):
        """Database id of a record of the demo data, read over XML-RPC as the admin."""
        if xmlid not in self._ids:
            module, name = (xmlid if "." in xmlid else M + xmlid).split(".", 1)
            common = xmlrpc.client.ServerProxy(f"{self.url}/xmlrpc/2/common")
            uid = common.authenticate(self.db, *LOGINS["director"], {})
            if not uid:
                raise RuntimeError(f"cannot log in to {self.db} as admin over XML-RPC")
            models = xmlrpc.client.ServerProxy(f"{self.url}/xmlrpc/2/object")
            rows = models.execute_kw(
                self.db,
                uid,
                LOGINS["director"][1],
                "ir.model.data",
                "search_read",
                [[("module", "=", module), ("name", "=", name)]],
                {"fields": ["res_id"]},
            )
            if not rows:
                raise RuntimeError(
                    f"{xmlid} is not in {self.db}: a database with the demo data is "
                    "needed"
                )
            self._ids[xmlid] = rows[0]["res_id"]
        return self._ids[xmlid]

    # ---------------------------------------------------------- browser --
    def login(self, browser, role):
        login, password = LOGINS[role]
        context = browser.new_context(
            viewport=VIEWPORT,
            locale="ru-RU",
            timezone_id="Asia/Novokuznetsk",
            device_scale_factor=1,
        )
        context.set_default_timeout(TIMEOUT)
        page = context.new_page()
        # requests in flight: Playwright's "networkidle" never comes while the
        # web client talks to its bus, so the pages count their own (the bus aside)
        pending = page.pending = set()
        page.on("request", lambda request: pending.add(request))
        page.on("requestfinished", lambda request: pending.discard(request))
        page.on("requestfailed", lambda request: pending.discard(request))
        page.goto(f"{self.url}/web/login?db={self.db}")
        page.fill("input[name=login]", login)
        page.fill("input[name=password]", password)
        page.click("form button[type=submit]")
        page.wait_for_url(lambda url: "/web/login" not in url)
        self.wait_idle(page)
        return page

    def wait_idle(self, page, quiet=0.5):
        """Wait until no request of the page has been running for `quiet` seconds."""
        deadline = time.monotonic() + TIMEOUT / 1000
        calm_since = None
        while time.monotonic() < deadline:
            page.wait_for_timeout(100)
            busy = [
                r
                for r in page.pending
                if r.resource_type != "websocket" and "/bus/" not in r.url
            ]
            if busy:
                calm_since = None
            elif calm_since is None:
                calm_since = time.monotonic()
            elif time.monotonic() - calm_since >= quiet:
                return
        raise TimeoutError(
            f"still loading after {TIMEOUT / 1000:.0f} s: "
            f"{[r.url for r in page.pending]}"
        )

    def settle(self, page, selector=".o_action_manager .o_view_controller"):
        """Wait until the web client shows `selector` and has nothing left to load."""
        page.wait_for_selector(selector, state="visible")
        self.wait_idle(page)
        page.wait_for_function(
            """() => !document.querySelector('.o_loading_indicator, .o_blockUI')
                     && document.fonts.status === 'loaded'"""
        )
        page.mouse.move(
            VIEWPORT["width"] - 2, VIEWPORT["height"] - 2
        )  # no hover effects
        page.wait_for_timeout(
            500
        )  # animations (dropdowns, dialogs, kanban progress bars)

    def open(self, page, path, selector=".o_action_manager .o_view_controller"):
        page.goto(self.url + path)
        self.settle(page, selector)

    def click(self, page, selector, then=".modal .modal-content"):
        page.locator(selector).first.click()
        self.settle(page, then)

    def close_dialog(self, page):
        page.keyboard.press("Escape")
        page.wait_for_selector(".modal", state="detached")

    def shot(self, page, name, highlight=None, full=False):
        """Save the viewport (or the whole page, up to MAX_HEIGHT) as img/<name>.png,
        with an orange frame around `highlight`: the button the step talks about."""
        page.evaluate(
            "() => document.activeElement && document.activeElement.blur()"
        )  # no selected text
        if highlight:
            page.locator(highlight).first.evaluate(
                """el => { el.style.outline = '3px solid #f76707';
                           el.style.outlineOffset = '2px';
                           el.setAttribute('data-guide-highlight', '1'); }"""
            )
        options = {"full_page": full, "animations": "disabled", "caret": "hide"}
        if full:
            height = min(
                page.evaluate("document.documentElement.scrollHeight"), MAX_HEIGHT
            )
            options["clip"] = {
                "x": 0,
                "y": 0,
                "width": VIEWPORT["width"],
                "height": height,
            }
        png = page.screenshot(**options)
        page.evaluate(
            """() => document.querySelectorAll('[data-guide-highlight]').forEach(el => {
                   el.style.outline = ''; el.style.outlineOffset = '';
                   el.removeAttribute('data-guide-highlight'); })"""
        )
        path = self.out / f"{name}.png"
        path.write_bytes(compress(png))
        self.saved.append(path)
        shown = path.relative_to(REPO_ROOT) if path.is_relative_to(REPO_ROOT) else path
        print(f"  {shown}", flush=True)

    def run(self, browser, role, steps):
        """Log in as `role` and take its screens; a screen that fails is
        reported, the next ones still run."""
        print(f"{role} ({LOGINS[role][0]})", flush=True)
        try:
            page = self.login(browser, role)
        except Exception:  # noqa: BLE001 - the other roles still run
            self.failed.append(f"{role}: log in as {LOGINS[role][0]}")
            traceback.print_exc()
            return
        try:
            for step in steps:
                try:
                    step(self, page)
                except Exception:  # noqa: BLE001 - report and go on with the next screen
                    self.failed.append(f"{role}: {step.__name__}")
                    traceback.print_exc()
                    page.keyboard.press("Escape")
        finally:
            page.context.close()


def compress(png):
    """A palette PNG: the screens have few colours, the files get 3-4 times smaller."""
    if Image is None:
        return png
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image = image.quantize(
        colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue() if buffer.tell() < len(png) else png


# ------------------------------------------------------------------ curator --
def curator_pairs(g, page):
    g.open(page, action("mentorship_pair_action"))
    g.shot(page, "curator-01-pairs")


def curator_mentee_base(g, page):
    g.open(page, action("mentorship_mentee_action"))
    g.shot(page, "curator-02-mentee-base")


def curator_mentee_form(g, page):
    g.open(page, action("mentorship_mentee_action", g.ref("mentee_yakovleva_demo")))
    g.shot(page, "curator-03-mentee-form")


def curator_mentee_consent(g, page):
    g.open(page, action("mentorship_mentee_action", g.ref("mentee_yakovleva_demo")))
    page.locator(".o_notebook .nav-link", has_text="Согласие").click()
    g.settle(page)
    g.shot(page, "curator-04-mentee-consent")


def curator_suggest_mentors(g, page):
    g.open(page, action("mentorship_mentee_action", g.ref("mentee_yakovleva_demo")))
    g.click(
        page,
        ".o_form_statusbar "
        f"button[name='{g.ref('mentorship_match_wizard_action_top')}']",
        ".modal .o_data_row",
    )
    g.shot(page, "curator-05-suggest-mentors")
    g.close_dialog(page)


def curator_mentor_base(g, page):
    g.open(page, action("mentorship_mentor_action"))
    g.shot(page, "curator-06-mentor-base")


def curator_pair_form(g, page):
    g.open(page, action("mentorship_pair_action", g.ref("pair_kuznetsova_popova_demo")))
    g.shot(page, "curator-07-pair-form")


def curator_log_meeting(g, page):
    g.open(page, action("mentorship_pair_action", g.ref("pair_ivanova_sidorov_demo")))
    g.shot(
        page,
        "curator-08-pair-log-meeting-button",
        highlight=".o_form_statusbar button[name=action_log_meeting]",
    )
    g.click(
        page, ".o_form_statusbar button[name=action_log_meeting]", ".modal .o_form_view"
    )
    g.shot(page, "curator-09-log-meeting")
    g.close_dialog(page)


def curator_meetings(g, page):
    g.open(page, action("mentorship_meeting_action"), ".o_calendar_view .fc-view")
    if (
        page.locator(".o_calendar_view .o_event").count() < 3
    ):  # early in a month: the last one
        page.locator(".o_calendar_button_prev").click()
        g.settle(page, ".o_calendar_view .o_event")
    g.shot(page, "curator-10-meetings-calendar")


def curator_consents(g, page):
    g.open(page, action("mentorship_consent_action"))
    g.shot(page, "curator-11-consents")


def curator_roadmap(g, page):
    g.open(page, action("mentorship_roadmap_activity_action"))
    g.shot(page, "curator-12-roadmap-activities")


def curator_monitoring(g, page):
    g.open(
        page,
        action("mentorship_monitoring_action", g.ref("monitoring_gymnasium5_demo")),
    )
    g.shot(page, "curator-13-monitoring")


def curator_growth(g, page):
    g.open(
        page,
        action("mentorship_monitoring_growth_line_action"),
        ".o_graph_renderer canvas",
    )
    g.shot(page, "curator-14-growth")


def curator_participation(g, page):
    g.open(page, action("mentorship_participation_action"))
    g.shot(page, "curator-15-participation")


CURATOR = [
    curator_pairs,
    curator_mentee_base,
    curator_mentee_form,
    curator_mentee_consent,
    curator_suggest_mentors,
    curator_mentor_base,
    curator_pair_form,
    curator_log_meeting,
    curator_meetings,
    curator_consents,
    curator_roadmap,
    curator_monitoring,
    curator_growth,
    curator_participation,
]


# ----------------------------------------------------------------- director --
def director_programme(g, page):
    g.open(
        page, action("mentorship_programme_action", g.ref("programme_gymnasium5_demo"))
    )
    g.shot(page, "director-01-programme")


def director_orders(g, page):
    g.open(page, action("mentorship_order_action"))
    g.shot(page, "director-02-orders")


def director_order_approve(g, page):
    g.open(page, action("mentorship_order_action", g.ref("order_closing_demo")))
    g.shot(
        page,
        "director-03-order-approve",
        highlight=".o_form_statusbar button[name=action_approve]",
    )


def director_roadmap(g, page):
    g.open(page, action("mentorship_roadmap_action", g.ref("roadmap_gymnasium5_demo")))
    g.shot(page, "director-04-roadmap")


def director_working_group(g, page):
    g.open(page, action("mentorship_working_group_member_action"))
    g.shot(page, "director-05-working-group")


def director_pair_stages(g, page):
    g.open(page, action("mentorship_pair_stage_action"))
    g.shot(page, "director-06-pair-stages")


def director_forms(g, page):
    g.open(page, action("mentorship_form_action"))
    g.shot(page, "director-07-forms")


def director_consent_texts(g, page):
    g.open(page, action("mentorship_consent_text_action"))
    g.shot(page, "director-08-consent-texts")


def director_settings(g, page):
    g.open(
        page,
        action("mentorship_config_settings_action"),
        ".o_setting_container, .o_form_view .app_settings_block",
    )
    g.shot(page, "director-09-settings")


def open_dashboard(g, page, name):
    """Odoo's Dashboards app, on one of ours (its name in the side panel)."""
    g.open(page, "/odoo/dashboards", ".o_spreadsheet_dashboard_action")
    page.locator(
        ".o_search_panel_category_value, .o_search_panel_label", has_text=name
    ).first.click()
    g.settle(page, ".o_spreadsheet_dashboard_action .o_renderer")
    page.wait_for_timeout(1500)  # the figures load after the grid


def director_dashboard(g, page):
    open_dashboard(g, page, "Сводка по школе")
    g.shot(page, "director-10-dashboard")


DIRECTOR = [
    director_programme,
    director_orders,
    director_order_approve,
    director_roadmap,
    director_working_group,
    director_pair_stages,
    director_forms,
    director_consent_texts,
    director_settings,
    director_dashboard,
]


# ------------------------------------------------------------------- mentor --
def mentor_pairs(g, page):
    g.open(page, action("mentorship_pair_action", view_type="list"))
    g.shot(page, "mentor-01-pairs")


def mentor_pair_plan(g, page):
    g.open(page, action("mentorship_pair_action", g.ref("pair_kuznetsova_popova_demo")))
    g.shot(page, "mentor-02-pair-plan")


def mentor_log_meeting(g, page):
    g.open(page, action("mentorship_pair_action", g.ref("pair_kuznetsova_popova_demo")))
    g.click(
        page, ".o_form_statusbar button[name=action_log_meeting]", ".modal .o_form_view"
    )
    g.shot(page, "mentor-03-log-meeting")
    g.close_dialog(page)


def mentor_meetings(g, page):
    g.open(page, action("mentorship_meeting_action", view_type="list"))
    g.shot(page, "mentor-04-meetings")


def mentor_meeting_feedback(g, page):
    g.open(
        page,
        action(
            "mentorship_meeting_action", g.ref("pair_kuznetsova_popova_meeting_8_demo")
        ),
    )
    page.locator(".o_notebook .nav-link", has_text="Обратная связь").click()
    g.settle(page)
    g.shot(page, "mentor-05-meeting-feedback")


MENTOR = [
    mentor_pairs,
    mentor_pair_plan,
    mentor_log_meeting,
    mentor_meetings,
    mentor_meeting_feedback,
]


# ---------------------------------------------------------- mentee, parent --
def mentee_pairs(g, page):
    g.open(page, action("mentorship_pair_action", view_type="list"))
    g.shot(page, "mentee-01-pairs")


def mentee_pair(g, page):
    g.open(page, action("mentorship_pair_action", g.ref("pair_kuznetsova_popova_demo")))
    g.shot(page, "mentee-02-pair")


def mentee_plan(g, page):
    g.open(page, action("mentorship_pair_action", g.ref("pair_kuznetsova_popova_demo")))
    g.click(
        page, ".o_form_view button[name=action_open_plan]", ".o_list_view .o_data_row"
    )
    g.shot(page, "mentee-03-plan")


def mentee_feedback(g, page):
    g.open(
        page,
        action(
            "mentorship_meeting_action", g.ref("pair_kuznetsova_popova_meeting_8_demo")
        ),
    )
    page.locator(".o_notebook .nav-link", has_text="Обратная связь").click()
    g.settle(page)
    g.shot(page, "mentee-04-feedback")


def mentee_questionnaires(g, page):
    g.open(page, action("survey_user_input_action_mentorship_mine"))
    g.shot(page, "mentee-05-questionnaires")


MENTEE = [
    mentee_pairs,
    mentee_pair,
    mentee_plan,
    mentee_feedback,
    mentee_questionnaires,
]


def pupil_mentorship(g, page):
    g.open(page, "/my/mentorship", "#wrap")
    g.shot(page, "pupil-01-mentorship", full=True)


def pupil_pair(g, page):
    g.open(page, f"/my/mentorship/pairs/{g.ref('pair_lebedev_group_demo')}", "#wrap")
    g.shot(page, "pupil-02-pair", full=True)


def pupil_feedback(g, page):
    g.open(page, f"/my/mentorship/pairs/{g.ref('pair_lebedev_group_demo')}", "#wrap")
    page.locator("a.o_mentorship_give_feedback").first.click()
    g.settle(page, "#wrap form")
    g.shot(page, "pupil-03-feedback", full=True)


PUPIL = [pupil_mentorship, pupil_pair, pupil_feedback]


def parent_home(g, page):
    g.open(page, "/my", "#wrap")
    g.shot(page, "parent-01-my-account")


def parent_mentorship(g, page):
    g.open(page, "/my/mentorship", "#wrap")
    g.shot(page, "parent-02-mentorship", full=True)


def parent_child(g, page):
    g.open(page, "/my/mentorship", "#wrap")
    page.locator("a.o_mentorship_person_link").first.click()
    g.settle(page, "#wrap")
    g.shot(page, "parent-03-child", full=True)


def parent_withdraw(g, page):
    """The confirmation page only: the consent is not withdrawn."""
    g.open(page, "/my/mentorship", "#wrap")
    page.locator("a.o_mentorship_person_link").first.click()
    g.settle(page, "#wrap")
    page.locator("a.o_mentorship_withdraw_consent").click()
    g.settle(page, "#wrap form")
    g.shot(page, "parent-04-withdraw", full=True)


PARENT = [parent_home, parent_mentorship, parent_child, parent_withdraw]


# ----------------------------------------------------------------------- HR --
def hr_needs_mentor(g, page):
    g.open(page, action("hr_employee_action_needs_mentor"))
    g.shot(page, "hr-01-without-mentor")


def hr_employee_experience(g, page):
    g.open(
        page, action("hr_employee_action_needs_mentor", g.ref("employee_makarov_demo"))
    )
    page.locator(".o_notebook .nav-link", has_text="Педагогический стаж").click()
    g.settle(page)
    g.shot(
        page,
        "hr-02-teaching-experience",
        highlight=".o_form_statusbar button[name=action_mentorship_find_mentor]",
    )


def hr_find_mentor(g, page):
    g.open(
        page, action("hr_employee_action_needs_mentor", g.ref("employee_makarov_demo"))
    )
    g.click(
        page,
        ".o_form_statusbar button[name=action_mentorship_find_mentor]",
        ".modal .o_data_row",
    )
    g.shot(page, "hr-03-find-mentor")
    g.close_dialog(page)


def hr_work_records(g, page):
    g.open(page, action("hr_employee_experience_action"))
    g.shot(page, "hr-04-work-records")


HR = [hr_needs_mentor, hr_employee_experience, hr_find_mentor, hr_work_records]


# -------------------------------------------------------------- coordinator --
def coordinator_kpi(g, page):
    g.open(page, action("mentorship_kpi_value_action"))
    g.shot(page, "coordinator-01-indicators")


def coordinator_kpi_pivot(g, page):
    g.open(
        page, action("mentorship_kpi_value_action", view_type="pivot"), ".o_pivot table"
    )
    g.shot(page, "coordinator-02-indicators-pivot")


def coordinator_kpi_compute(g, page):
    g.open(page, action("mentorship_kpi_value_action"))
    page.click("button[data-menu-xmlid='odoo_mentorship.mentorship_menu_monitoring']")
    g.click(
        page,
        "[data-menu-xmlid='odoo_mentorship.mentorship_kpi_compute_menu']",
        ".modal .o_form_view",
    )
    g.shot(page, "coordinator-03-compute")
    g.close_dialog(page)


def coordinator_contingent(g, page):
    g.open(page, action("mentorship_kpi_contingent_action"))
    g.shot(page, "coordinator-04-contingent")


def coordinator_monitoring(g, page):
    g.open(page, action("mentorship_monitoring_action"))
    g.shot(page, "coordinator-05-monitoring")


def coordinator_pairs(g, page):
    g.open(page, action("mentorship_pair_action", view_type="pivot"), ".o_pivot table")
    g.shot(page, "coordinator-06-pairs-pivot")


def coordinator_dashboard(g, page):
    open_dashboard(g, page, "Сводка по муниципалитету")
    g.shot(page, "coordinator-07-dashboard")


COORDINATOR = [
    coordinator_dashboard,
    coordinator_kpi,
    coordinator_kpi_pivot,
    coordinator_kpi_compute,
    coordinator_contingent,
    coordinator_monitoring,
    coordinator_pairs,
]

ROLES = {
    "curator": CURATOR,
    "director": DIRECTOR,
    "mentor": MENTOR,
    "mentee": MENTEE,
    "pupil": PUPIL,
    "parent": PARENT,
    "hr": HR,
    "coordinator": COORDINATOR,
}


def find_chromium():
    for name in (
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ):
        if path := shutil.which(name):
            return path
    return None  # playwright's own browser, if installed


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--url", default=os.environ.get("GUIDE_URL", "http://127.0.0.1:8069")
    )
    parser.add_argument("--db", default=os.environ.get("GUIDE_DB", "mentorship_demo"))
    parser.add_argument("--out", default=str(REPO_ROOT / "docs" / "guide" / "img"))
    parser.add_argument("--only", help="comma-separated roles: " + ",".join(ROLES))
    args = parser.parse_args()
    roles = args.only.split(",") if args.only else list(ROLES)
    unknown = set(roles) - set(ROLES)
    if unknown:
        parser.error(f"unknown roles: {', '.join(sorted(unknown))}")

    guide = Guide(args.url, args.db, args.out)
    guide.out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=find_chromium(), args=["--font-render-hinting=none"]
        )
        try:
            for role in roles:
                guide.run(browser, role, ROLES[role])
        finally:
            browser.close()
    print(
        f"{len(guide.saved)} screenshots in {guide.out} "
        f"({time.monotonic() - started:.0f} s)"
    )
    if guide.failed:
        print("failed: " + "; ".join(guide.failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
