"""Help pages: public (no login), in the visitor's language, with PDF downloads."""
from flask import Blueprint, Response, render_template
from flask_babel import get_locale

from bridge.modules.help import operations as ops

bp = Blueprint("help", __name__, url_prefix="/help")


def _locale() -> str:
    return str(get_locale() or "en")


@bp.route("/")
def index():
    """List the help pages."""
    return render_template("help/index.html", pages=ops.all_pages(_locale()))


@bp.route("/<slug>")
def page(slug: str):
    """Show one help page."""
    return render_template("help/page.html", page=ops.load_page(slug, _locale()))


@bp.route("/<slug>.pdf")
def pdf(slug: str):
    """Download one help page as a PDF."""
    help_page = ops.load_page(slug, _locale())
    data = ops.page_pdf(render_template("help/print.html", page=help_page))
    return Response(data, mimetype="application/pdf",
                    headers={"Content-Disposition": f"attachment; filename=qser-{slug}-{help_page.lang}.pdf"})
