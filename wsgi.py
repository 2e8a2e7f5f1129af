"""WSGI entry point: ``gunicorn wsgi:app``. The only module-level application object."""

from training import create_app

app = create_app()
