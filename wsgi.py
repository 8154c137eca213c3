"""The WSGI entry point: the only place the application object is created."""

from cicdr import create_app

app = create_app()
