"""One date and number style per language (issue 16): the helpers of bridge.core.i18n and the pages that use them."""
import re
from datetime import date, datetime, timezone

import pytest
from flask import render_template_string
from flask_babel import force_locale

from bridge.core import audit
from bridge.core.i18n import fmt_date, fmt_datetime, fmt_month, fmt_number, fmt_percent

US_SHORT_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2}\b")
MOMENT = datetime(2026, 12, 3, 14, 5, tzinfo=timezone.utc)


@pytest.mark.parametrize("locale, expected", [
    ("en", ["4.25", "1,234.5", "Dec 3, 2026", "Dec 3, 2026, 2:05\u202fPM", "Dec 2026", "66%", "Thursday, December 3, 2026"]),
    ("de", ["4,25", "1.234,5", "03.12.2026", "03.12.2026, 14:05", "Dez. 2026", "66\xa0%", "Donnerstag, 3. Dezember 2026"]),
])
def test_helpers_format_by_locale(app, locale, expected):
    with app.test_request_context(), force_locale(locale):
        assert [fmt_number(4.25, 2), fmt_number(1234.5, 1), fmt_date(date(2026, 12, 3)), fmt_datetime(MOMENT),
                fmt_month("2026-12"), fmt_percent(0.663), fmt_date(MOMENT, "long")] == expected
        assert fmt_number(None) == fmt_date(None) == "–"


def test_template_filters_never_give_us_short_dates(app):
    """Older templates still name Babel's widths; "short" gives the house style, not 12/3/26."""
    with app.test_request_context(), force_locale("en"):
        html = render_template_string("{{ d|format_date('short') }} {{ d|format_datetime('short') }} "
                                      "{{ d|date }} {{ d|datetime }} {{ 4.25|number(2) }} {{ 0.5|percent }}", d=MOMENT)
    assert not US_SHORT_DATE.search(html)
    assert html == "Dec 3, 2026 Dec 3, 2026, 2:05\u202fPM Dec 3, 2026 Dec 3, 2026, 2:05\u202fPM 4.25 50%"


def test_audit_log_dates_follow_the_language(client, db, login_as):
    coordinator = login_as("coordinator")
    event = audit.record(coordinator, "person.created", coordinator, coordinator.full_name)
    event.created_at = datetime(2025, 3, 4, 14, 5, tzinfo=timezone.utc)  # not today: the page must show this one
    db.session.commit()
    english = client.get("/admin/audit").text
    assert "Mar 4, 2025, 2:05 PM" in english and not US_SHORT_DATE.search(english)
    with client.session_transaction() as session:
        session["locale"] = "de"
    german = client.get("/admin/audit").text
    assert "04.03.2025, 14:05" in german and "Mar 4, 2025" not in german and not US_SHORT_DATE.search(german)


def test_template_translations_follow_forced_locale_within_one_request(app):
    """Templates look the catalogue up once per request and language: a mail rendered with force_locale in the
    middle of a German request is English, and the page around it stays German."""
    from flask import render_template_string
    from flask_babel import force_locale

    source = "{{ _('Mentor') }} / {{ ngettext('%(num)d person', '%(num)d people', 3) }}"
    with app.test_request_context("/", headers={"Accept-Language": "de"}):
        assert render_template_string(source) == "Mentor/in / 3 Personen"
        with force_locale("en"):
            assert render_template_string(source) == "Mentor / 3 people"
        assert render_template_string(source) == "Mentor/in / 3 Personen"
