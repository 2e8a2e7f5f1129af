"""Parse untrusted XML safely and remember the line of every element (pure).

defusedxml's parser refuses document type declarations outright (``forbid_dtd``), so entity
expansion ("billion laughs"), external entities and external DTDs never reach expat. The
standard ElementTree drops line numbers; a small tree-builder target asks expat for its
current line at each start tag, so import errors can point at the question's line.
"""

import re
from dataclasses import dataclass
from xml.etree import ElementTree

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from training.core.messages import N_, Issue
from training.quizzes.interchange import not_utf8_issue

_DECLARED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_UTF8_NAMES = {b"utf-8", b"utf8"}


class XmlRejected(Exception):
    """The bytes are not XML that may be read; ``issue`` says why and where."""

    def __init__(self, issue):
        super().__init__(issue.message)
        self.issue = issue


@dataclass(frozen=True)
class XmlDocument:
    """A parsed document: the root element and the line where each element starts."""

    root: ElementTree.Element
    lines: dict

    def line_of(self, element):
        """Return the line where ``element`` starts (``None`` if unknown)."""
        return self.lines.get(element)


class _LineTarget:
    """Builds the tree like ElementTree's TreeBuilder, recording each element's start line."""

    def __init__(self):
        self.builder = ElementTree.TreeBuilder()
        self.lines = {}
        self.parser = None

    def start(self, tag, attributes):
        element = self.builder.start(tag, attributes)
        self.lines[element] = self.parser.parser.CurrentLineNumber
        return element

    def end(self, tag):
        return self.builder.end(tag)

    def data(self, data):
        self.builder.data(data)

    def close(self):
        return self.builder.close()


def read_xml(data):
    """Return an :class:`XmlDocument` for ``data``; raise :class:`XmlRejected` for unsafe or broken XML."""
    _check_utf8(data)
    target = _LineTarget()
    parser = DefusedXMLParser(target=target, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    target.parser = parser
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException as error:
        raise XmlRejected(Issue(N_("The file declares a document type (DTD) or entities, which are refused "
                                   "for security reasons."), row=parser.parser.CurrentLineNumber)) from error
    except ElementTree.ParseError as error:
        line = error.position[0]
        detail = str(error).split(":")[0]
        raise XmlRejected(Issue(N_("The file is not well-formed XML (line %(line)s: %(detail)s)."), row=line,
                                params={"line": line, "detail": detail})) from error
    return XmlDocument(root, target.lines)


def _check_utf8(data):
    """Refuse bytes that claim (or default to) UTF-8 but are not, naming the first bad line."""
    declared = _DECLARED_ENCODING.match(data[:300])
    if declared and declared.group(1).lower() not in _UTF8_NAMES:
        return  # another declared encoding: expat decodes it
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise XmlRejected(not_utf8_issue(line)) from error
