"""The DSFR's stylesheets and scripts, with integrity attributes computed from the files actually served.

django-dsfr prints the checksums of the files it ships; in production the manifest storage rewrites the
`url(...)` references inside the DSFR CSS (and the source-map comments of its scripts), so those checksums no
longer match and the browser blocks the design system. These tags hash what the configured storage serves.
"""

import base64
import hashlib
from functools import lru_cache

from django import template
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.templatetags.static import static
from django.utils.html import format_html, format_html_join
from dsfr.constants import DsfrStaticAssets

from programme import dsfr_leger

register = template.Library()

# One sheet: the DSFR's parts Magellan uses, django-dsfr's overrides and magellan.css (programme/dsfr_leger.py).
FEUILLES = [dsfr_leger.CHEMIN]


@lru_cache(maxsize=32)
def _integrite(chemin: str, stockage: str) -> str:
    """The SRI digest (sha384) of the file served for `chemin`: the collected one when the storage keeps a
    manifest (production), the app's own file otherwise (development, where files are served as they are)."""
    if hasattr(staticfiles_storage, "stored_name"):
        with staticfiles_storage.open(staticfiles_storage.stored_name(chemin)) as fichier:
            contenu = fichier.read()
    else:
        with open(finders.find(chemin), "rb") as fichier:
            contenu = fichier.read()
    return "sha384-" + base64.b64encode(hashlib.sha384(contenu).digest()).decode()


def integrite(chemin: str) -> str:
    return _integrite(chemin, settings.STORAGES["staticfiles"]["BACKEND"])


@register.simple_tag
def feuilles_dsfr():
    """The DSFR's stylesheet (only the parts Magellan uses), with the integrity of the file served."""
    return format_html_join(
        "\n", '<link rel="stylesheet" href="{}" integrity="{}">', ((static(c), integrite(c)) for c in FEUILLES)
    )


@register.simple_tag(takes_context=True)
def scripts_dsfr(context):
    """The DSFR's module script, with its integrity and the request's CSP nonce."""
    chemin = DsfrStaticAssets.DSFR_MODULE_JS
    nonce = getattr(context.get("request"), "csp_nonce", "")
    return format_html(
        '<script type="module" src="{}" integrity="{}" nonce="{}"></script>', static(chemin), integrite(chemin), nonce
    )
