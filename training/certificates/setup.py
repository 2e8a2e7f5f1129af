"""Wire certificates into the app: blueprints, menu, audit labels, course signals, demo step, CLI."""

import logging

from flask import current_app
from flask_babel import lazy_gettext as _l

from training.certificates.demo import seed_certificates
from training.certificates.routes import issuing, learner, public, register, settings
from training.certificates.services import issuing as issuing_service
from training.certificates.services import lifecycle
from training.certificates.services.settings import IssueConfig
from training.core.audit import register_actions
from training.core.navigation import NavEntry, register_nav
from training.core.security import ADMINS, AUTHENTICATED, CITY_ADMINS
from training.core.seeding import SeedStep, register_seed_step
from training.courses.signals import course_completed, legal_document_superseded

logger = logging.getLogger(__name__)


def init_app(app):
    """Register the certificate blueprints, menu entries, audit labels and signal handlers."""
    for blueprint in (public.bp, learner.bp, register.bp, issuing.bp, settings.bp):
        app.register_blueprint(blueprint)
    register_nav(NavEntry("my_certificates.index", _l("My certificates"), AUTHENTICATED,
                          _l("Your certificates: download them or share their verification link."), 15))
    register_nav(NavEntry("cert_register.index", _l("Certificate register"), ADMINS,
                          _l("Every certificate issued: search, export, revoke, expiring soon."), 60,
                          section="admin"))
    register_nav(NavEntry("cert_issue.approvals", _l("Certificate approvals"), ADMINS,
                          _l("Completions waiting for a certificate, and bulk issue for a class."), 61,
                          section="admin"))
    register_nav(NavEntry("cert_settings.index", _l("Certificate settings"), CITY_ADMINS,
                          _l("Per course: issuing, validity, serials, issuer, signer, seal, refreshers."), 62,
                          section="admin"))
    register_actions({
        "certificate.issue": _l("Certificate issued"), "certificate.approve": _l("Certificate approved"),
        "certificate.decline": _l("Certificate request declined"), "certificate.revoke": _l("Certificate revoked"),
        "certificate.refresher": _l("Refresher required for certificate holders"),
        "certificate.settings": _l("Certificate settings changed"), "certificate.bulk": _l("Bulk issue started"),
    })
    register_seed_step(SeedStep("certificates", 60, seed_certificates))
    course_completed.connect(_on_completed, weak=False)
    legal_document_superseded.connect(_on_superseded, weak=False)
    from training.certificates.cli import certificates_cli

    app.cli.add_command(certificates_cli)


def _on_completed(enrollment, now, **_extra):
    """Issue or queue the certificate of a completed course (and of refreshers it satisfies)."""
    issuing_service.completed(enrollment, now, IssueConfig.from_config(current_app.config))


def _on_superseded(document, now, **_extra):
    """Tell the register which certified courses cite a law that was just replaced."""
    count = lifecycle.notice_legal_change(document, now)
    if count:
        logger.info("Legal document %s superseded: %s certified course(s) may need a refresher", document.id, count)
