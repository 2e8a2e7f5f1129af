"""Read PDFs back with poppler's command-line tools, as a user's viewer would."""

import html
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def tool(name):
    """Return the path of a poppler tool; skip without it, unless REQUIRE_BROWSER=1 (CI) demands it."""
    path = shutil.which(name)
    if path:
        return path
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"{name} is required when REQUIRE_BROWSER=1: apt-get install poppler-utils")
    pytest.skip(f"{name} is not installed (apt-get install poppler-utils)")


def run(name, pdf, *args):
    """Run poppler tool ``name`` on the PDF bytes ``pdf`` and return its standard output."""
    executable = tool(name)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "in.pdf"
        path.write_bytes(pdf)
        result = subprocess.run([executable, *args, str(path), "-"], capture_output=True, check=True)
    return result.stdout.decode("utf-8")


def text(pdf, *args):
    """Return the text of ``pdf`` as ``pdftotext`` extracts it."""
    return run("pdftotext", pdf, "-enc", "UTF-8", *args)


def words(pdf):
    """Return ``[(word, x_min, y_min, x_max, y_max)]`` for every word of ``pdf`` (y grows downwards)."""
    found = []
    for x_min, y_min, x_max, y_max, word in _WORD.findall(text(pdf, "-bbox")):
        found.append((html.unescape(word), float(x_min), float(y_min), float(x_max), float(y_max)))
    return found


def fonts(pdf):
    """Return the rows of ``pdffonts`` for ``pdf`` as lists of columns."""
    executable = tool("pdffonts")
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "in.pdf"
        path.write_bytes(pdf)
        output = subprocess.run([executable, str(path)], capture_output=True, check=True, text=True).stdout
    return [line.split() for line in output.splitlines()[2:] if line.strip()]


def raster(pdf, dpi):
    """Return the first page of ``pdf`` rendered by ``pdftoppm`` as a Pillow image."""
    from PIL import Image

    executable = tool("pdftoppm")
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "in.pdf"
        path.write_bytes(pdf)
        subprocess.run([executable, "-png", "-r", str(dpi), "-singlefile", str(path), str(Path(directory) / "out")],
                       check=True, capture_output=True)
        with Image.open(Path(directory) / "out.png") as image:
            return image.convert("L")
