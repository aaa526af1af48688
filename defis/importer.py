"""Import of the public EIG site (Hugo content) into Magellan: taxonomies, défis, réalisations, people, roles, teams.

For coaches who load the programme's history, and for re-running after the site changed. `site_eig_importer`
reads a copy of the site's `content/` folder; every file is imported in its own transaction, so a bad file is
reported and loses nothing else. The import only adds and updates what comes from the site (keyed on the file
name), never e-mails nor roles a coach set by hand, and a second run over the same content changes nothing.
"""

import datetime
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.text import slugify

from programme.models import Administration, Expertise, Personne, Promotion, Role, Theme
from programme.services import promotion_creer

from .contenu import realisations_du_corps
from .models import Defi, MembreEquipe, Realisation

SORTES = (
    "promotions", "administrations", "thèmes", "métiers", "défis", "réalisations", "personnes", "rôles",
    "membres d'équipe",
)
CREE, MIS_A_JOUR, INCHANGE = "créés", "mis à jour", "inchangés"

ROLES_DU_SITE = {
    "participant": Role.Type.EIG,
    "agent-public": Role.Type.PORTEUR,
    "agent-programme": Role.Type.COACH,
    "agent-programme-alumni": Role.Type.ALUMNI,
    "agent-ecosysteme": Role.Type.PARRAIN,
}
ROLES_D_EQUIPE = {
    Role.Type.EIG: MembreEquipe.Role.EIG,
    Role.Type.PORTEUR: MembreEquipe.Role.PORTEUR,
    Role.Type.SPONSOR: MembreEquipe.Role.SPONSOR,
}

_ENTETE = re.compile(r"\A---[ \t]*\r?\n(?P<yaml>.*?)^---[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_NUMERO_DE_PROMOTION = re.compile(r"(\d+)")
_valider_url = URLValidator(schemes=["http", "https"])


class ContenuIntrouvable(Exception):
    """The given folder is not a copy of the site's content."""


class FichierIllisible(Exception):
    """A file that cannot be read as front matter and markdown; the message says why, in French."""


@dataclass
class Bilan:
    """What an import did: counts per kind and state, files not imported, warnings."""

    compteurs: dict = field(default_factory=lambda: {sorte: Counter() for sorte in SORTES})
    non_importes: list = field(default_factory=list)
    avertissements: list = field(default_factory=list)

    def total(self, etat):
        return sum(compteur[etat] for compteur in self.compteurs.values())


@dataclass
class _Fichier:
    """What one file's import did, kept apart until its transaction commits."""

    nom: str
    notes: list = field(default_factory=list)
    avertissements: list = field(default_factory=list)

    def noter(self, sorte, etat, cle=None):
        self.notes.append((sorte, etat, cle))

    def avertir(self, message):
        self.avertissements.append(f"{self.nom} : {message}")


def lire_fichier(chemin: Path) -> tuple[dict, str]:
    """The front matter (a mapping holding a title) and the markdown body of a file of the site."""
    try:
        texte = chemin.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise FichierIllisible("fichier non lisible en UTF-8") from None
    except OSError as erreur:
        raise FichierIllisible(f"lecture impossible ({erreur.strerror})") from None
    entete = _ENTETE.match(texte.removeprefix("\ufeff"))
    if entete is None:
        raise FichierIllisible("pas d'en-tête YAML (front matter)")
    try:
        champs = yaml.safe_load(entete.group("yaml"))
    except yaml.YAMLError as erreur:
        ligne = f", ligne {erreur.problem_mark.line + 2}" if getattr(erreur, "problem_mark", None) else ""
        raison = getattr(erreur, "problem", None) or str(erreur)
        raise FichierIllisible(f"en-tête YAML invalide{ligne} ({raison})") from None
    if champs is None:
        champs = {}
    if not isinstance(champs, dict):
        raise FichierIllisible("l'en-tête YAML n'est pas une liste de champs")
    if not _texte(champs.get("title")):
        raise FichierIllisible("pas de titre (title)")
    return champs, texte[entete.end():]


def _texte(valeur) -> str:
    if valeur is None or isinstance(valeur, (list, dict)):
        return ""
    return str(valeur).strip()


def _liste(valeur) -> list[str]:
    """A front-matter list of names, stripped, without blanks; a lone string counts as a list of one."""
    if valeur is None:
        return []
    if not isinstance(valeur, list):
        valeur = [valeur]
    return [nom for nom in (_texte(element) for element in valeur) if nom]


def _booleen(valeur, defaut: bool) -> bool:
    if valeur is None:
        return defaut
    if isinstance(valeur, str):
        return valeur.strip().lower() in {"true", "yes", "oui", "1"}
    return bool(valeur)


def _url_valide(valeur) -> bool:
    try:
        _valider_url(valeur)
    except ValidationError:
        return False
    return True


def _date_et_annee(valeur):
    """(date, année) from the site's date: an ISO datetime (kept in UTC) or a bare year such as 2022."""
    if isinstance(valeur, str):
        valeur = valeur.strip()
        if re.fullmatch(r"\d{4}", valeur):
            return None, int(valeur)
        try:
            valeur = datetime.datetime.fromisoformat(valeur)
        except ValueError:
            raise ValueError(valeur) from None
    if isinstance(valeur, bool):
        raise ValueError(valeur)
    if isinstance(valeur, int):
        if 1900 <= valeur <= 2100:
            return None, valeur
        raise ValueError(valeur)
    if isinstance(valeur, datetime.datetime):
        if valeur.tzinfo is None:
            return valeur.replace(tzinfo=datetime.UTC), None
        return valeur.astimezone(datetime.UTC), None
    if isinstance(valeur, datetime.date):
        return datetime.datetime.combine(valeur, datetime.time(), tzinfo=datetime.UTC), None
    raise ValueError(valeur)


def _s(nombre: int) -> str:
    return "s" if nombre > 1 else ""


def _cle_de_titre(titre: str) -> str:
    """People name défis by title, with stray spaces and case ("TRISTAN " for "Tristan")."""
    return titre.strip().casefold()


class _Import:
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

    # Taxonomies.

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

    # Défis.

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

    # People.

    def importer_personne(self, suivi, chemin, champs, corps):
        slug = self.reserver_slug(suivi, chemin.stem)
        prenom, _espace, nom_usage = " ".join(_texte(champs["title"]).split()).partition(" ")
        valeurs = {
            "prenom": prenom,
            "nom_usage": nom_usage,
            "fonction": _texte(champs.get("job")),
            "image": _texte(champs.get("image")),
            "linkedin": self._lien_de_profil(suivi, champs, "linkedin", "LinkedIn"),
            "github": self._lien_de_profil(suivi, champs, "github", "GitHub"),
            # The body is the full presentation; `desc` is its summary, used when there is no body.
            "presentation": corps.strip() or _texte(champs.get("desc")),
        }
        expertises = {self.terme(suivi, Expertise, "métiers", nom).pk for nom in _liste(champs.get("expertises"))}

        personne = self.personnes.get(slug)
        if personne is None:
            personne = Personne.objects.create_user(email=None, slug=slug, **valeurs)
            self.personnes[slug] = personne
            etat = CREE
        else:
            changes = [nom for nom, valeur in valeurs.items() if getattr(personne, nom) != valeur]
            for nom in changes:
                setattr(personne, nom, valeurs[nom])
            if changes:
                personne.save(update_fields=changes)
            etat = MIS_A_JOUR if changes else INCHANGE
        if expertises != self.expertises_des_personnes[personne.pk]:
            personne.expertises.set(expertises)
            self.expertises_des_personnes[personne.pk] = expertises
            etat = etat if etat == CREE else MIS_A_JOUR
        suivi.noter("personnes", etat)
        self.importer_roles(suivi, personne, champs)

    def _lien_de_profil(self, suivi, champs, cle, nom):
        url = _texte(champs.get(cle))
        if url and (len(url) > 300 or not _url_valide(url)):
            suivi.avertir(f"adresse {nom} invalide « {url} », ignorée")
            return ""
        return url

    def importer_roles(self, suivi, personne, champs):
        """The person's roles in their promotions, and their place in their défis' teams."""
        role_du_site = _texte(champs.get("role")).lower()
        type_role = ROLES_DU_SITE.get(role_du_site)
        if type_role is None:
            suivi.avertir(f"rôle inconnu « {role_du_site} » : aucun rôle ni équipe importés")
            return
        if type_role == Role.Type.PORTEUR and "sponsor" in _texte(champs.get("job")).lower():
            type_role = Role.Type.SPONSOR
        defis = []
        for titre in _liste(champs.get("defis")):
            defi = self.defis_par_titre.get(_cle_de_titre(titre))
            if defi is None:
                suivi.avertir(f"défi inconnu « {titre} »")
            elif defi not in defis:
                defis.append(defi)
        promotions = [self.promotion(suivi, nom).pk for nom in _liste(champs.get("promos"))]
        role_equipe = ROLES_D_EQUIPE.get(type_role)
        if not promotions and role_equipe:
            # A team member the site gives no promotion belongs to their défis' promotions.
            promotions = [defi.promotion_id for defi in defis if defi.promotion_id]
        for promotion_id in dict.fromkeys(promotions) or [None]:
            cle = (personne.pk, promotion_id, type_role)
            if cle in self.roles:
                suivi.noter("rôles", INCHANGE)
                continue
            Role.objects.create(personne=personne, promotion_id=promotion_id, type=type_role)
            self.roles.add(cle)
            suivi.noter("rôles", CREE)
        if role_equipe is None:
            return
        for defi in defis:
            cle = (defi.pk, personne.pk, role_equipe)
            if cle in self.membres:
                suivi.noter("membres d'équipe", INCHANGE)
                continue
            MembreEquipe.objects.create(defi=defi, personne=personne, role=role_equipe)
            self.membres.add(cle)
            suivi.noter("membres d'équipe", CREE)

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
