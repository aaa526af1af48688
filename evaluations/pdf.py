"""A rapport d'évaluation as an accessible PDF: its HTML rendered by WeasyPrint as tagged PDF/UA-1.

The document is in French (`lang="fr"`), titled, structured by its headings and table, and set in Marianne, the
State's typeface, read from django-dsfr's static files (the WOFF files: WOFF2 would need Brotli).
"""

from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

POLICES = {400: "Marianne-Regular.woff", 500: "Marianne-Medium.woff", 700: "Marianne-Bold.woff"}


def _polices() -> list[tuple[int, str]]:
    """Each weight of Marianne and the URL of its file on this machine."""
    return [(graisse, Path(finders.find(f"dsfr/dist/fonts/{fichier}")).as_uri())
            for graisse, fichier in POLICES.items()]


def rapport_en_pdf(rapport) -> bytes:
    """The rapport, its comité's facts and the measure of each objective, as an A4 PDF/UA document in French."""
    html = render_to_string("evaluations/rapport_pdf.html", {
        "comite": rapport.comite, "rapport": rapport, "polices": _polices(), "maintenant": timezone.now(),
        "atteintes": sorted(rapport.atteintes.all(), key=lambda a: a.objectif.rang),
    })
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
