"""The groupes de partage: the coaches compose, move and publish; an EIG sees only the groups they belong to;
everyone else gets 403 (or 404 for a group they cannot see)."""

import datetime

from django.utils import timezone

from accompagnement.models import GroupePartage, MembreGroupe

from .attendus import COACHS, LES_EIG, Entree, coachs_seulement, connectes, pour

MOIS = datetime.date(2027, 2, 1)


def _groupe(promotion, type_groupe, numero, membres, publie=True):
    groupe = GroupePartage.objects.create(promotion=promotion, mois=MOIS, type=type_groupe, numero=numero,
                                          publie_le=timezone.now() if publie else None,
                                          sujet=f"Sujet confidentiel du groupe {numero}")
    MembreGroupe.objects.bulk_create([MembreGroupe(groupe=groupe, personne=p, promotion=promotion, mois=MOIS,
                                                   type=type_groupe) for p in membres])
    return groupe


def preparer(monde):
    """The défi's EIG in a published entre-pairs group of February 2027, the other défi's EIG in another, and a
    draft group of that month with both."""
    promotion, personnes = monde["promotion"], monde["personnes"]
    return {
        "groupe_eig": _groupe(promotion, GroupePartage.Type.PAIRS, 1, [personnes["eig"]]),
        "groupe_autre": _groupe(promotion, GroupePartage.Type.PAIRS, 2, [personnes["eig_autre"]]),
        "groupe_brouillon": _groupe(promotion, GroupePartage.Type.PLURI, 1,
                                    [personnes["eig"], personnes["eig_autre"]], publie=False),
    }


def _du_mois(chemin):
    return lambda o: f"{chemin}?promotion={o['promotion'].pk}&mois={MOIS:%Y-%m}"


ENTREES = [
    Entree("mes groupes", lambda o: "/groupes/", pour(200, LES_EIG)),
    Entree("aperçu des groupes", lambda o: "/coachs/groupes/", coachs_seulement()),
    Entree("aperçu d'un mois choisi", _du_mois("/coachs/groupes/"), coachs_seulement()),
    # A coach's action ends on the preview (302); anonymous visitors are sent to log in (302 too).
    Entree("composer", _du_mois("/coachs/groupes/composer/"), coachs_seulement(statut=302), "POST", lambda o: {}),
    Entree("publier", _du_mois("/coachs/groupes/publier/"), coachs_seulement(statut=302), "POST", lambda o: {}),
    Entree("déplacer", _du_mois("/coachs/groupes/deplacer/"), coachs_seulement(statut=302), "POST", lambda o: {}),
    Entree("sujet suivant de son groupe", lambda o: f"/groupes/{o['groupe_eig'].pk}/sujet-suivant/",
           pour(302, COACHS, "eig", autres=404), "POST", lambda o: {"sujet": "Un sujet"}),
    Entree("sujet suivant d'un brouillon", lambda o: f"/groupes/{o['groupe_brouillon'].pk}/sujet-suivant/",
           pour(403, COACHS, autres=404), "POST", lambda o: {"sujet": "Un sujet"}),
    Entree("sujet suivant par un simple lien", lambda o: f"/groupes/{o['groupe_eig'].pk}/sujet-suivant/",
           connectes(405)),
]
