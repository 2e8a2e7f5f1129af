"""The stored record of a certificate's print: plain JSON in, ``CertificateData`` out (pure).

The register keeps exactly what was printed, so a reprint years later gives the same bytes
(and the same sha256) whatever has changed since: the person's name, the course title, the
signer. Images are kept by their sha256 in the file store, not inlined.
"""

from dataclasses import fields
from datetime import date
from decimal import Decimal

from training.certificates.pdf import CertificateData

SCHEMA = 1
_DATES = ("completion_date", "issue_date", "learner_birth_date", "expiry_date")
_IMAGES = ("signature_image", "seal_image")


def params_from_data(data, signature_sha256=None, seal_sha256=None):
    """Return the JSON-ready parameters of ``data`` (images replaced by their sha256)."""
    params = {"schema": SCHEMA}
    for spec in fields(CertificateData):
        value = getattr(data, spec.name)
        if spec.name in _IMAGES:
            continue
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = str(value)
        elif isinstance(value, tuple):
            value = list(value)
        params[spec.name] = value
    params["signature_sha256"] = signature_sha256
    params["seal_sha256"] = seal_sha256
    return params


def data_from_params(params, read_image, watermark=None):
    """Return the ``CertificateData`` recorded in ``params``.

    :param read_image: ``(sha256) -> bytes`` reading an image from the file store.
    :param watermark: printed across the page instead of the recorded one (a revoked reprint).
    :raises ValueError: for a record of an unknown schema or with a missing image.
    """
    if params.get("schema") != SCHEMA:
        raise ValueError(f"unknown certificate record schema {params.get('schema')!r}")
    values = {}
    for spec in fields(CertificateData):
        if spec.name in _IMAGES:
            continue
        if spec.name not in params:
            continue
        value = params[spec.name]
        if spec.name in _DATES and value is not None:
            value = date.fromisoformat(value)
        elif spec.name == "score" and value is not None:
            value = Decimal(value)
        elif spec.name == "authority_lines":
            value = tuple(value)
        values[spec.name] = value
    for name, key in (("signature_image", "signature_sha256"), ("seal_image", "seal_sha256")):
        if params.get(key):
            image = read_image(params[key])
            if image is None:
                raise ValueError(f"the {name.replace('_', ' ')} {params[key]} is missing from the file store")
            values[name] = image
    if watermark is not None:
        values["watermark"] = watermark
    return CertificateData(**values)
