"""The public catalogue of défis, a défi's page, and the open-data export."""

import csv
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from programme.pagination import page_lue

from . import selectors
from .contenu import corps_en_html
from .forms import FiltreDefisForm

# Ten cards a page keep the catalogue light (EcoIndex A, bench/ecoindex.py).
DEFIS_PAR_PAGE = 10
# The open-data exports read the catalogue by batches of this many défis (four queries a batch): a national
# programme (1,000 défis) in one batch, a few megabytes; a larger catalogue costs one batch more, memory stays bounded.
LOT_EXPORT = 1000


def catalogue(request):
    formulaire = FiltreDefisForm(request.GET or None)
    defis = selectors.defis_visibles(**formulaire.filtres()) if request.GET else selectors.defis_visibles()
    return render(request, "defis/catalogue.html", {
        "formulaire": formulaire, "page_obj": page_lue(request, defis, DEFIS_PAR_PAGE),
        "fil_ariane": {"courant": "Les défis"},
    })


def defi(request, slug):
    defi = selectors.defi_avec_equipe(slug)
    if defi is None or not request.user.has_perm("defis.voir_defi", defi):
        raise Http404("Ce défi n'existe pas ou n'est pas public.")
    membres = list(defi.membres.all())
    return render(request, "defis/defi.html", {
        "defi": defi,
        "corps": mark_safe(corps_en_html(defi.corps)),  # sanitised by nh3
        "eig": [m for m in membres if m.role == m.Role.EIG],
        "porteurs": [m for m in membres if m.role == m.Role.PORTEUR],
        "sponsors": [m for m in membres if m.role == m.Role.SPONSOR],
        "fil_ariane": {"liens": [{"url": reverse("defis"), "titre": "Les défis"}], "courant": defi.titre},
    })


def donnees_ouvertes(request):
    return render(request, "defis/donnees_ouvertes.html", {"fil_ariane": {"courant": "Données ouvertes"}})


def _ligne_export(request, defi):
    return {
        "identifiant": defi.slug,
        "titre": defi.titre,
        "description": defi.description,
        "administration": defi.administration.nom if defi.administration else "",
        "promotion": defi.promotion.nom if defi.promotion else "",
        "themes": defi.noms_themes,
        "metiers": defi.noms_metiers,
        "ville": defi.ville,
        "lieu": defi.lieu,
        "annee": defi.annee_affichee,
        "startup_etat": defi.est_startup_etat,
        "url_startup_etat": defi.url_startup_etat,
        "realisations": defi.realisations_exportees,
        "url": request.build_absolute_uri(defi.get_absolute_url()),
    }


def _entetes_licence(reponse):
    reponse["Link"] = f'<{settings.OPEN_DATA_LICENCE_URL}>; rel="license"'
    return reponse


def _defis_par_lots():
    """The exported défis, read by batches of LOT_EXPORT (each with its taxonomies): the response streams them, its
    memory does not grow with the catalogue."""
    return selectors.defis_pour_export_par_lots(LOT_EXPORT)


def _json_en_flux(request, nombre):
    """The JSON document piece by piece: the same text `json.dumps(…, indent=2, ensure_ascii=False)` writes."""
    entete = {
        "titre": "Défis d'intérêt général du programme EIG",
        "licence": settings.OPEN_DATA_LICENCE,
        "licence_url": settings.OPEN_DATA_LICENCE_URL,
        "producteur": "Direction interministérielle du numérique (DINUM) — programme Entrepreneurs d'intérêt général",
        "genere_le": timezone.now().isoformat(timespec="seconds"),
        "nombre": nombre,
    }
    yield json.dumps(entete, ensure_ascii=False, indent=2)[:-2] + ',\n  "defis": ['
    separateur = "\n    "
    for defi in _defis_par_lots():
        ligne = json.dumps(_ligne_export(request, defi), ensure_ascii=False, indent=2, cls=DjangoJSONEncoder)
        yield separateur + ligne.replace("\n", "\n    ")
        separateur = ",\n    "
    yield ("\n  ]" if nombre else "]") + "\n}"


def export_json(request):
    reponse = StreamingHttpResponse(_json_en_flux(request, selectors.defis_pour_export().count()),
                                    content_type="application/json")
    reponse["Content-Disposition"] = 'inline; filename="defis-eig.json"'
    return _entetes_licence(reponse)


class _Echo:
    """A file that gives back what is written to it: the csv module writes one row, the stream sends it."""

    def write(self, valeur):
        return valeur


COLONNES_CSV = ["identifiant", "titre", "description", "administration", "promotion", "themes", "metiers", "ville",
                "lieu", "annee", "startup_etat", "url_startup_etat", "realisations", "url"]


def _csv_en_flux(request):
    ecrivain = csv.DictWriter(_Echo(), fieldnames=COLONNES_CSV)
    yield "\ufeff"  # so that spreadsheet software reads the accents right
    yield ecrivain.writeheader()
    for defi in _defis_par_lots():
        ligne = _ligne_export(request, defi)
        ligne["themes"] = " | ".join(ligne["themes"])
        ligne["metiers"] = " | ".join(ligne["metiers"])
        ligne["startup_etat"] = "oui" if ligne["startup_etat"] else "non"
        ligne["realisations"] = " | ".join(r["url"] for r in ligne["realisations"])
        yield ecrivain.writerow(ligne)


def export_csv(request):
    reponse = StreamingHttpResponse(_csv_en_flux(request), content_type="text/csv; charset=utf-8")
    reponse["Content-Disposition"] = 'attachment; filename="defis-eig.csv"'
    return _entetes_licence(reponse)


