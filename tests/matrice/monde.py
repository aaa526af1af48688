"""The matrix's scenario: the people of tests/matrice/attendus.py and the défis they belong to."""

from defis.factories import DefiFactory, MembreEquipeFactory
from defis.models import MembreEquipe
from programme.factories import PersonneFactory, PromotionFactory, RoleFactory
from programme.models import Role

_EQUIPES = {"eig": MembreEquipe.Role.EIG, "porteur": MembreEquipe.Role.PORTEUR,
            "sponsor": MembreEquipe.Role.SPONSOR}


def scenario_construire() -> dict:
    """A promotion with a visible défi and an unpublished one (same team: eig, porteur, sponsor) and another défi
    (eig_autre, porteur_autre, sponsor_autre); one person per other role and a second one (`*_autre`); another
    promotion whose défi has eig_ailleurs and porteur_ailleurs."""
    promotion, ailleurs = PromotionFactory(), PromotionFactory()
    defi = DefiFactory(promotion=promotion, visible=True)
    defi_cache = DefiFactory(promotion=promotion, visible=False)
    autre_defi = DefiFactory(promotion=promotion)
    defi_ailleurs = DefiFactory(promotion=ailleurs, visible=True)
    personnes = {}
    for visiteur, promo in [
        *((role, promotion) for role in ("coach", "eig", "porteur", "sponsor", "parrain", "intervenant", "alumni")),
        *((f"{role}_autre", promotion)
          for role in ("coach", "eig", "porteur", "sponsor", "parrain", "intervenant", "alumni")),
        ("eig_ailleurs", ailleurs), ("porteur_ailleurs", ailleurs),
    ]:
        personne = PersonneFactory()
        RoleFactory(personne=personne, promotion=promo, type=Role.Type(visiteur.split("_")[0]))
        personnes[visiteur] = personne
    for role, type_membre in _EQUIPES.items():
        for d in (defi, defi_cache):
            MembreEquipeFactory(defi=d, personne=personnes[role], role=type_membre)
        MembreEquipeFactory(defi=autre_defi, personne=personnes[f"{role}_autre"], role=type_membre)
    for role in ("eig", "porteur"):
        MembreEquipeFactory(defi=defi_ailleurs, personne=personnes[f"{role}_ailleurs"], role=_EQUIPES[role])
    return {"promotion": promotion, "defi": defi, "defi_cache": defi_cache, "autre_defi": autre_defi,
            "promotion_ailleurs": ailleurs, "defi_ailleurs": defi_ailleurs, "personnes": personnes}
