"""Find markup that could run script in an HTML fragment (used by the XSS tests)."""

from html.parser import HTMLParser

FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "body", "frame", "frameset", "base", "meta",
                  "link", "style", "form", "input", "textarea", "video", "audio", "source", "noscript", "template"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "srcset", "poster", "background"}
BAD_SCHEMES = ("javascript:", "data:text", "vbscript:")


class _Finder(HTMLParser):
    def __init__(self, allowed_tags):
        super().__init__(convert_charrefs=True)
        self.allowed = allowed_tags
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN_TAGS - self.allowed:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag}[{name}]")
            if name in URL_ATTRIBUTES and value and value.strip().lower().replace("\x00", "").startswith(BAD_SCHEMES):
                self.problems.append(f"{tag}[{name}={value[:30]}]")


def dangerous_markup(html, allowed_tags=frozenset()):
    """Return a list describing every element or attribute in ``html`` that could execute."""
    finder = _Finder(set(allowed_tags))
    finder.feed(html)
    return finder.problems


class _PageFinder(_Finder):
    """Like :class:`_Finder`, for whole pages: our own forms are fine, but every script must be a
    same-site file and no element may carry an event handler."""

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "script":
            src = values.get("src") or ""
            if not src.startswith(("/static/", "/bootstrap/static/")):
                self.problems.append(f"<script src={src!r}>")
            return
        if tag in {"iframe", "object", "embed", "frame", "frameset", "base", "svg", "math"}:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag}[{name}]")
            if name in URL_ATTRIBUTES and value and value.strip().lower().replace("\x00", "").startswith(BAD_SCHEMES):
                self.problems.append(f"{tag}[{name}={value[:30]}]")

    def handle_data(self, data):
        pass


def page_problems(html):
    """Return markup in a whole page that could run script (our own /static scripts allowed)."""
    finder = _PageFinder(set())
    finder.feed(html)
    return finder.problems
