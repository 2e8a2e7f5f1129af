"""The baseline: a bare Flask hello-world, served by the same gunicorn as the app."""

from flask import Flask

app = Flask(__name__)


@app.get("/hello")
def hello():
    return "hello"
