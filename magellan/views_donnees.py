"""« Mes données »: a signed-in person sees what Magellan holds about them and downloads it, their own only."""

import tempfile

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from programme.reponses import telechargement_prive

from .mes_donnees import GENRES, archive_ecrire

# Past this size the archive being written moves from memory to a temporary file.
EN_MEMOIRE_MAX = 10 * 1024 * 1024


@login_required
@require_http_methods(["GET", "POST"])
def mes_donnees(request):
    """GET: what the archive holds; POST: the archive of the signed-in person (nobody can ask for another's)."""
    if request.method == "POST":
        archive = tempfile.SpooledTemporaryFile(max_size=EN_MEMOIRE_MAX)
        archive_ecrire(request.user, archive)
        archive.seek(0)
        return telechargement_prive(archive, f"magellan-mes-donnees-{timezone.localdate():%Y-%m-%d}.zip",
                                    "application/zip")
    return render(request, "magellan/mes_donnees.html", {
        "genres": GENRES.values(),
        "fil_ariane": {"liens": [{"url": reverse("espace"), "titre": "Mon espace"}], "courant": "Mes données"},
    })
