"""Pages that gather several apps: the public home and each person's space."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from programme.models import Phase, Promotion
from programme.referentiel import COMPETENCES, VALEURS

from . import confidentialite
from .espace import espace_de
from .indicateurs import chiffres_publics


def accueil(request):
    phases = [
        {"numero": n, "nom": nom, "devise": devise, "duree": mois, "competences": COMPETENCES[n]}
        for n, (nom, devise, mois) in Phase.REFERENTIEL.items()
    ]
    return render(request, "magellan/accueil.html", {
        "phases": phases, "valeurs": VALEURS, "chiffres": chiffres_publics(),
        "plafond_heures": Promotion._meta.get_field("plafond_heures_acceleration").default,
    })


@login_required
def espace(request):
    """A person's space: each promotion they belong to, its phase, their défis, and what each role does next."""
    return render(request, "magellan/espace.html", {
        "sections": espace_de(request.user), "fil_ariane": {"courant": "Mon espace"},
    })


def accessibilite(request):
    return render(request, "magellan/accessibilite.html", {"fil_ariane": {"courant": "Accessibilité"}})


def mentions_legales(request):
    return render(request, "magellan/mentions_legales.html", {
        "cookies": confidentialite.cookies(), "conservation": confidentialite.conservation(),
        "contact": settings.CONTACT_EMAIL, "fil_ariane": {"courant": "Mentions légales"},
    })
