"""Pages that gather several apps: the public home and each person's space."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from defis.models import Defi
from defis.selectors import equipes_de
from programme.models import Phase, Promotion, Role
from programme.referentiel import COMPETENCES, VALEURS
from programme.selectors import roles_de

from . import confidentialite


def accueil(request):
    phases = [
        {"numero": n, "nom": nom, "devise": devise, "duree": mois, "competences": COMPETENCES[n]}
        for n, (nom, devise, mois) in Phase.REFERENTIEL.items()
    ]
    return render(request, "magellan/accueil.html", {
        "phases": phases, "valeurs": VALEURS, "nombre_defis": Defi.objects.filter(visible=True).count(),
        "plafond_heures": Promotion._meta.get_field("plafond_heures_acceleration").default,
    })


@login_required
def espace(request):
    """A person's space: for each promotion they belong to, their roles, its current phase, their défis."""
    aujourd_hui = timezone.localdate()
    roles = list(roles_de(request.user))
    equipes = list(equipes_de(request.user))
    promotions = {}
    for role in roles:
        cle = role.promotion_id or 0
        bloc = promotions.setdefault(cle, {"promotion": role.promotion, "roles": [], "equipes": []})
        bloc["roles"].append(role)
    for equipe in equipes:
        cle = equipe.defi.promotion_id or 0
        bloc = promotions.setdefault(cle, {"promotion": equipe.defi.promotion, "roles": [], "equipes": []})
        bloc["equipes"].append(equipe)
    for bloc in promotions.values():
        promotion = bloc["promotion"]
        bloc["phases"] = list(promotion.phases.all()) if promotion else []
        bloc["phase_en_cours"] = promotion.phase_en_cours(aujourd_hui) if promotion else None
        bloc["types"] = {role.type for role in bloc["roles"]}
    return render(request, "magellan/espace.html", {
        "blocs": sorted(promotions.values(), key=lambda b: -(b["promotion"].numero or 0) if b["promotion"] else 1),
        "Role": Role.Type,
        "fil_ariane": {"courant": "Mon espace"},
    })


def accessibilite(request):
    return render(request, "magellan/accessibilite.html", {"fil_ariane": {"courant": "Accessibilité"}})


def mentions_legales(request):
    return render(request, "magellan/mentions_legales.html", {
        "cookies": confidentialite.cookies(), "conservation": confidentialite.conservation(),
        "contact": settings.CONTACT_EMAIL, "fil_ariane": {"courant": "Mentions légales"},
    })
