"""The site's taxonomies: promotions (`promos/`), thèmes (`themes/`), métiers (`expertises/`) and administrations.

Found by name, created when missing and never renamed; défis and people reach them through `promotion` and
`terme`, so a name the site uses only in a défi or a person is created too.
"""

import re

from programme.models import Expertise, Theme
from programme.services import promotion_creer

from .bilan import CREE, INCHANGE
from .lecture import _texte

_NUMERO_DE_PROMOTION = re.compile(r"(\d+)")


class ImportDesTaxonomies:
    """The taxonomy part of `execution._Import`, which holds the caches `promotions` and `termes`."""

    def promotion(self, suivi, nom):
        nom = nom.strip()
        promotion = self.promotions.get(nom)
        etat = INCHANGE
        if promotion is None:
            numero = _NUMERO_DE_PROMOTION.search(nom)
            promotion = promotion_creer(nom, numero=int(numero.group(1)) if numero else None)
            self.promotions[nom] = promotion
            etat = CREE
        suivi.noter("promotions", etat, nom)
        if nom not in self.promotions_du_site:
            suivi.avertir(f"promotion inconnue du site « {nom} »" + (", créée" if etat == CREE else ""))
        return promotion

    def terme(self, suivi, modele, sorte, nom):
        nom = nom.strip()
        terme = self.termes[modele].get(nom)
        if terme is None:
            terme = modele.objects.create(nom=nom)
            self.termes[modele][nom] = terme
            suivi.noter(sorte, CREE, nom)
        else:
            suivi.noter(sorte, INCHANGE, nom)
        return terme

    def importer_promo(self, suivi, chemin, champs, corps):
        nom = _texte(champs["title"])
        self.promotions_du_site.add(nom)
        self.promotion(suivi, nom)

    def importer_theme(self, suivi, chemin, champs, corps):
        self.terme(suivi, Theme, "thèmes", _texte(champs["title"]))

    def importer_expertise(self, suivi, chemin, champs, corps):
        self.terme(suivi, Expertise, "métiers", _texte(champs["title"]))
