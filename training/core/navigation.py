"""Role-aware navigation: features register their entries; the layout shows what the user may open."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class NavEntry:
    """A link in the main menu and a card on the home page."""

    endpoint: str
    label: object  # a lazy translatable string
    rule: object  # an AccessRule
    description: object = ""
    order: int = 50
    predicate: object = None  # optional extra check taking the user
    section: str = "main"  # entries of one section share a drop-down menu
    home_card: bool = True  # False when a home panel already shows the same thing
    menu_label: object = None  # a shorter label for the menu bar, when the card's label is long

    @property
    def menu_text(self):
        """What the menu bar shows: the short label if there is one (the bar must fit on one line)."""
        return self.menu_label or self.label


#: Menu sections in display order, with their (lazy) labels; a section holding a single
#: visible entry shows it as a plain link.
SECTIONS = {"main": None, "teaching": _l("Training"), "reports": _l("Reports"), "admin": _l("Administration")}

_ENTRIES: dict = {}


def register_nav(entry):
    """Add (or replace) a menu entry; called when blueprints are registered."""
    _ENTRIES[entry.endpoint] = entry


def nav_for(user):
    """Return the entries ``user`` may open, in menu order."""
    entries = [e for e in _ENTRIES.values() if e.rule.permits(user) and (e.predicate is None or e.predicate(user))]
    return sorted(entries, key=lambda e: (e.order, str(e.label)))


def nav_sections(user):
    """Return ``[(label or None, [entries])]`` for the menu: one group per non-empty section."""
    groups = []
    entries = nav_for(user)
    for key, label in SECTIONS.items():
        members = [e for e in entries if e.section == key]
        if key == "main" or len(members) == 1:
            groups.extend((None, [member]) for member in members)
        elif members:
            groups.append((label, members))
    return groups


@dataclass(frozen=True)
class HomePanel:
    """A block on the home page, rendered from ``template`` with ``context(user)``."""

    key: str
    template: str
    context: object
    rule: object
    order: int = 50


_PANELS: dict = {}


def register_home_panel(panel):
    """Add (or replace) a block on the home page."""
    _PANELS[panel.key] = panel


def panels_for(user):
    """Return ``[(panel, context)]`` for the blocks ``user`` may see, in order."""
    panels = sorted((p for p in _PANELS.values() if p.rule.permits(user)), key=lambda p: p.order)
    return [(panel, panel.context(user)) for panel in panels]
