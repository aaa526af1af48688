"""The arrival path in the demo: a newly invited EIG who has not logged in yet (`nouvelle-eig@`), on a team of
two EIG; at their first login « Mon espace » shows their whole path to walk. The promotion's other newcomers,
three months in, have read the welcome and acknowledged the charter: the coaches' dashboard shows each one's
progress, computed from what they did."""

import datetime

from django.utils import timezone

from defis.models import Defi, MembreEquipe
from demo.contenu import DOMAINE
from magellan.models import JalonArrivee, PriseDeConnaissance
from magellan.selectors_arrivee import charte_en_vigueur
from programme.factories import PersonneFactory
from programme.models import Expertise, Personne, Promotion, Role
from programme.services import invitation_creer

ADRESSE_NOUVELLE_EIG = f"nouvelle-eig@{DOMAINE}"
FONCTION_NOUVELLE_EIG = "Designer de services"
METIER_NOUVELLE_EIG = "Design"


def demo_arrivee(promotion: Promotion, coach: Personne) -> dict[str, int]:
    """The newly invited EIG (invited by `coach`, invitation accepted, never logged in) and the other newcomers'
    first steps; returns how many of each."""
    maintenant = timezone.now()
    anciens = list(Personne.objects.filter(
        roles__promotion=promotion, roles__type__in=[Role.Type.EIG, Role.Type.PORTEUR, Role.Type.SPONSOR],
    ).distinct())
    JalonArrivee.objects.bulk_create(
        JalonArrivee(personne=p, quoi=JalonArrivee.Quoi.ACCUEIL, le=promotion_debut(promotion)) for p in anciens)
    charte = charte_en_vigueur()
    if charte:
        PriseDeConnaissance.objects.bulk_create(
            PriseDeConnaissance(personne=p, version=charte, promotion=promotion, le=promotion_debut(promotion))
            for p in anciens)

    nouvelle = PersonneFactory(email=ADRESSE_NOUVELLE_EIG, femme=True, fonction=FONCTION_NOUVELLE_EIG)
    nouvelle.expertises.add(Expertise.objects.get_or_create(nom=METIER_NOUVELLE_EIG)[0])
    invitation = invitation_creer(nouvelle, promotion=promotion, type_role=Role.Type.EIG, par=coach)
    invitation.role = Role.objects.create(personne=nouvelle, promotion=promotion, type=Role.Type.EIG)
    invitation.acceptee_le = maintenant
    invitation.save(update_fields=["role", "acceptee_le"])
    # A team of two EIG welcomes a third.
    defi = next(d for d in Defi.objects.filter(promotion=promotion).prefetch_related("membres").order_by("pk")
                if sum(m.role == MembreEquipe.Role.EIG for m in d.membres.all()) == 2)
    MembreEquipe.objects.create(defi=defi, personne=nouvelle, role=MembreEquipe.Role.EIG)
    return {"nouvelles personnes invitées": 1, "parcours commencés": len(anciens)}


def promotion_debut(promotion: Promotion):
    """The promotion's first morning, when its newcomers read the welcome and the charter."""
    return timezone.make_aware(datetime.datetime.combine(promotion.date_debut, datetime.time(10)))
