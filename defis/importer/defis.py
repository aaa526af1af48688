"""The site's défis (`defis/`) and the réalisations linked from their body.

A défi is keyed on its file name (its slug); its fields, thèmes and métiers are updated to match the site,
and its réalisations are added or updated on their address, never removed.
"""

from programme.models import Administration, Expertise, Theme

from ..contenu import realisations_du_corps
from ..models import Defi, Realisation
from .bilan import CREE, INCHANGE, MIS_A_JOUR
from .lecture import _booleen, _date_et_annee, _liste, _texte, _url_valide


class ImportDesDefis:
    """The défi part of `execution._Import`, which holds the caches `defis`, `realisations` and their links."""

    def importer_defi(self, suivi, chemin, champs, corps):
        slug = self.reserver_slug(suivi, chemin.stem)
        administration = _texte(champs.get("who"))
        promos = _liste(champs.get("promos"))
        if len(promos) > 1:
            suivi.avertir(f"plusieurs promotions ({', '.join(promos)}) : seule « {promos[0]} » est retenue")
        try:
            date, annee = _date_et_annee(champs["date"]) if champs.get("date") not in (None, "") else (None, None)
        except ValueError:
            suivi.avertir(f"date illisible « {champs['date']} », ignorée")
            date, annee = None, None
        est_startup_etat = _booleen(champs.get("isSET"), False)
        url_startup_etat = _texte(champs.get("urlSET")) if est_startup_etat else ""
        if url_startup_etat and not _url_valide(url_startup_etat):
            suivi.avertir(f"adresse de Startup d'État invalide « {url_startup_etat} », ignorée")
            url_startup_etat = ""
        valeurs = {
            "titre": _texte(champs["title"]),
            "description": _texte(champs.get("description")),
            "administration_id": (
                self.terme(suivi, Administration, "administrations", administration).pk if administration else None
            ),
            "promotion_id": self.promotion(suivi, promos[0]).pk if promos else None,
            "ville": _texte(champs.get("town")),
            "lieu": _texte(champs.get("place")),
            "date": date,
            "annee": annee,
            "image": _texte(champs.get("image")),
            "visible": _booleen(champs.get("visible"), True),
            "est_startup_etat": est_startup_etat,
            "url_startup_etat": url_startup_etat,
            "corps": corps.strip(),
        }
        themes = {self.terme(suivi, Theme, "thèmes", nom).pk for nom in _liste(champs.get("themes"))}
        expertises = {self.terme(suivi, Expertise, "métiers", nom).pk for nom in _liste(champs.get("expertises"))}

        defi = self.defis.get(slug)
        if defi is None:
            defi = Defi.objects.create(slug=slug, **valeurs)
            self.defis[slug] = defi
            etat = CREE
        else:
            changes = [nom for nom, valeur in valeurs.items() if getattr(defi, nom) != valeur]
            for nom in changes:
                setattr(defi, nom, valeurs[nom])
            if changes:
                defi.save(update_fields=[nom.removesuffix("_id") for nom in changes] + ["updated_at"])
            etat = MIS_A_JOUR if changes else INCHANGE
        if themes != self.themes_des_defis[defi.pk]:
            defi.themes.set(themes)
            self.themes_des_defis[defi.pk] = themes
            etat = etat if etat == CREE else MIS_A_JOUR
        if expertises != self.expertises_des_defis[defi.pk]:
            defi.expertises.set(expertises)
            self.expertises_des_defis[defi.pk] = expertises
            etat = etat if etat == CREE else MIS_A_JOUR
        suivi.noter("défis", etat)
        self.importer_realisations(suivi, defi, corps)

    def importer_realisations(self, suivi, defi, corps):
        """Réalisations from the body's links, matched on their address: added or updated, never removed."""
        for type_, titre, url in realisations_du_corps(corps):
            titre = titre[:300]
            if len(url) > 500 or not _url_valide(url):
                suivi.avertir(f"réalisation ignorée, adresse invalide « {url} »")
                continue
            existante = self.realisations.get((defi.pk, url))
            if existante is None:
                realisation = Realisation.objects.create(defi=defi, type=type_, titre=titre, url=url)
                self.realisations[(defi.pk, url)] = (realisation.pk, type_, titre)
                suivi.noter("réalisations", CREE)
            elif existante[1:] != (type_, titre):
                Realisation.objects.filter(pk=existante[0]).update(type=type_, titre=titre)
                self.realisations[(defi.pk, url)] = (existante[0], type_, titre)
                suivi.noter("réalisations", MIS_A_JOUR)
            else:
                suivi.noter("réalisations", INCHANGE)
