"""Q-SER Bridge: a Moodle companion service for the Circular Cycle of Mentoring."""
import os
from datetime import timedelta
from pathlib import Path

from flask import Flask

from bridge import config as settings
from bridge.extensions import babel, bootstrap, csrf, db, limiter, login_manager, migrate

MIGRATIONS_DIR = str(Path(__file__).resolve().parent.parent / "migrations")


def create_app(config: dict | None = None) -> Flask:
    """Create and configure the Flask application."""
    instance_path = (config or {}).get("INSTANCE_PATH") or os.environ.get("QSER_INSTANCE_PATH") or None
    app = Flask(__name__, instance_relative_config=True, instance_path=instance_path)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.update(settings.defaults(app.instance_path))
    app.config.update(settings.from_environ())
    app.config.update(config or {})
    # Whether the public address was given (QSER_BASE_URL or config): else links follow the served host and port.
    app.config.setdefault("BASE_URL_EXPLICIT", bool((config or {}).get("BASE_URL") or os.environ.get("QSER_BASE_URL")))
    app.config["SECRET_KEY"] = settings.ensure_secret_key(app.config, app.instance_path)
    settings.check_training_gate(app.config)
    if app.config["ENV_NAME"] == "production":
        settings.require_base_url(config or {})
        app.config.update(SESSION_COOKIE_SECURE=True, REMEMBER_COOKIE_SECURE=True)
    _init_security(app)
    _init_extensions(app)
    _register_blueprints(app)
    _register_shell(app)
    _init_service(app)
    return app


def _init_security(app: Flask) -> None:
    """Clean inputs, bound ids, read the proxy's client address, add the security headers."""
    from werkzeug.middleware.proxy_fix import ProxyFix

    from bridge.core import headers
    from bridge.core.ids import BoundedIntConverter
    from bridge.core.inputs import CleanRequest

    app.config["FRAME_ANCESTORS"] = settings.check_frame_ancestors(app.config["FRAME_ANCESTORS"])
    app.config["REMEMBER_COOKIE_DURATION"] = timedelta(days=app.config["REMEMBER_DAYS"])
    app.request_class = CleanRequest
    app.url_map.converters["int"] = BoundedIntConverter
    if app.config["PROXY_COUNT"] > 0:
        count = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)
    headers.init_app(app)


def _init_service(app: Flask) -> None:
    """Set up logging with request ids and the job queue (inline without Redis)."""
    from bridge.core import jobs, observability

    observability.init_app(app)
    jobs.init_app(app)


def _init_extensions(app: Flask) -> None:
    from bridge.core.db import ping_idle_connections
    from bridge.core.i18n import compile_catalogues, install_template_gettext, select_locale

    import bridge.models  # noqa: F401  (register every model with the metadata)
    import bridge.policies  # noqa: F401  (register every permission policy)

    db.init_app(app)
    with app.app_context():
        if not app.config["SQLALCHEMY_ENGINE_OPTIONS"].get("pool_pre_ping"):
            ping_idle_connections(db.engine)
    migrate.init_app(app, db, directory=MIGRATIONS_DIR, render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    compile_catalogues()
    babel.init_app(app, locale_selector=select_locale)
    install_template_gettext(app)
    bootstrap.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = None


def _register_blueprints(app: Flask) -> None:
    from bridge.core.errors import register_error_handlers
    from bridge.web import register

    register_error_handlers(app)
    register(app)


def _register_shell(app: Flask) -> None:
    from bridge.cli import register_commands

    register_commands(app)
