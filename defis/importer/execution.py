"""One run of the import: the caches of what the database holds, and the site's folders read file by file.

`site_eig_importer` is the entry point; each file is imported in its own transaction by the part that knows
its folder (`taxonomies`, `defis`, `personnes`), and what it did is added to the `Bilan` once it committed.
"""

from collections import defaultdict
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from programme.models import Administration, Domaine, Expertise, Personne, Promotion, Role, Theme

from ..models import Defi, MembreEquipe, Realisation
from .bilan import Bilan, _Fichier
from .defis import ImportDesDefis
from .lecture import FichierIllisible, _cle_de_titre, lire_fichier
from .personnes import ImportDesPersonnes
from .taxonomies import ImportDesTaxonomies


class ContenuIntrouvable(Exception):
    """The given folder is not a copy of the site's content."""


def _s(nombre: int) -> str:
    return "s" if nombre > 1 else ""


class _Import(ImportDesTaxonomies, ImportDesDefis, ImportDesPersonnes):
    """One run of the import: caches of what the database holds, so a file costs no lookup query."""

    def __init__(self, racine: Path, progression=None):
        self.racine = racine
        self.progression = progression or (lambda message: None)
        self.bilan = Bilan()
        self.vus = set()
        self.slugs_du_run = {}
        self.promotions_du_site = set()
        self.charger()

    def charger(self):
        """Read once what the import compares against; read again after a file rolled back."""
        self.promotions = {promotion.nom: promotion for promotion in Promotion.objects.all()}
        self.termes = {
            Administration: {terme.nom: terme for terme in Administration.objects.all()},
            Theme: {terme.nom: terme for terme in Theme.objects.all()},
            Expertise: {terme.nom: terme for terme in Expertise.objects.all()},
        }
        self.defis = {defi.slug: defi for defi in Defi.objects.all()}
        self.themes_des_defis = self._liens(Defi.themes.through, "defi_id", "theme_id")
        self.expertises_des_defis = self._liens(Defi.expertises.through, "defi_id", "expertise_id")
        realisations = Realisation.objects.values_list("pk", "defi_id", "url", "type", "titre")
        self.realisations = {(defi_id, url): (pk, type_, titre) for pk, defi_id, url, type_, titre in realisations}
        self.personnes = {personne.slug: personne for personne in Personne.objects.filter(slug__isnull=False)}
        self.expertises_des_personnes = self._liens(Personne.expertises.through, "personne_id", "expertise_id")
        self.domaines = dict(Domaine.objects.values_list("nom", "pk"))
        self.domaines_des_personnes = self._liens(Personne.domaines.through, "personne_id", "domaine_id")
        self.roles = set(Role.objects.values_list("personne_id", "promotion_id", "type"))
        self.membres = set(MembreEquipe.objects.values_list("defi_id", "personne_id", "role"))
        self.defis_par_titre = self._index_des_titres()

    @staticmethod
    def _liens(modele_lien, source, cible):
        liens = defaultdict(set)
        for source_id, cible_id in modele_lien.objects.values_list(source, cible):
            liens[source_id].add(cible_id)
        return liens

    def _index_des_titres(self, avertissements=None):
        """The défis by normalised title; the oldest wins when two share a title, added to `avertissements`."""
        index = {}
        for defi in sorted(self.defis.values(), key=lambda defi: defi.pk):
            premier = index.setdefault(_cle_de_titre(defi.titre), defi)
            if premier is not defi and avertissements is not None:
                avertissements.append(f"defis/ : titre « {defi.titre} » porté par {premier.slug} et {defi.slug}, "
                             f"les personnes seront rattachées à {premier.slug}")
        return index

    # Files and their transactions.

    def dossier(self, nom, importer_fichier, *, tous_les_fichiers=False):
        dossier = self.racine / nom
        if not dossier.is_dir():
            self.bilan.avertissements.append(f"{nom}/ : dossier absent, rien à importer")
            return
        chemins = sorted(
            chemin for chemin in dossier.iterdir()
            if chemin.is_file() and chemin.name != "_index.md" and (tous_les_fichiers or chemin.suffix == ".md")
        )
        non_importes = len(self.bilan.non_importes)
        for chemin in chemins:
            self.fichier(f"{nom}/{chemin.name}", chemin, importer_fichier)
        echecs = len(self.bilan.non_importes) - non_importes
        message = f"{nom}/ : {len(chemins)} fichier{_s(len(chemins))} lu{_s(len(chemins))}"
        self.progression(message + (f", {echecs} non importé{_s(echecs)}" if echecs else ""))

    def fichier(self, nom, chemin, importer_fichier):
        """Import one file in its own transaction; a failure is reported and rolls back only this file."""
        suivi = _Fichier(nom)
        try:
            champs, corps = lire_fichier(chemin)
            with transaction.atomic():
                importer_fichier(suivi, chemin, champs, corps)
        except FichierIllisible as raison:
            self.bilan.non_importes.append(f"{nom} : {raison}")
            return
        except Exception as erreur:  # Bad input must never abort the whole import: report the file, go on.
            self.bilan.non_importes.append(f"{nom} : enregistrement impossible ({type(erreur).__name__} : {erreur})")
            # The rolled-back rows may sit in the caches: read them again from the database.
            self.charger()
            return
        for sorte, etat, cle in suivi.notes:
            if cle is None or (sorte, cle) not in self.vus:
                self.bilan.compteurs[sorte][etat] += 1
                if cle is not None:
                    self.vus.add((sorte, cle))
        self.bilan.avertissements.extend(suivi.avertissements)

    def reserver_slug(self, suivi, stem):
        """The file's slug, unless another file of this run already gave it (two names, one slug)."""
        slug = slugify(stem, allow_unicode=True)
        if not slug:
            raise FichierIllisible("nom de fichier sans lettre ni chiffre")
        deja = self.slugs_du_run.setdefault((suivi.nom.split("/")[0], slug), suivi.nom)
        if deja != suivi.nom:
            raise FichierIllisible(f"même identifiant « {slug} » que {deja}")
        return slug

    def tout(self):
        self.dossier("promos", self.importer_promo)
        self.dossier("themes", self.importer_theme)
        self.dossier("expertises", self.importer_expertise)
        self.dossier("defis", self.importer_defi)
        self.defis_par_titre = self._index_des_titres(self.bilan.avertissements)
        self.dossier("personnes", self.importer_personne, tous_les_fichiers=True)


def site_eig_importer(racine, *, progression=None) -> Bilan:
    """Import a copy of the public site's content folder; return what was created, updated, left, refused.

    `progression` receives a short French line after each folder. Raises ContenuIntrouvable when the
    folder or its `defis/` sub-folder is missing.
    """
    racine = Path(racine)
    if not racine.is_dir():
        raise ContenuIntrouvable(f"Dossier introuvable : {racine}")
    if not (racine / "defis").is_dir():
        raise ContenuIntrouvable(
            f"Pas de dossier defis/ dans {racine} : indiquez le dossier content/ du site public."
        )
    execution = _Import(racine, progression)
    execution.tout()
    return execution.bilan
