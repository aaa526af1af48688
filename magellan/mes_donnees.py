"""« Mes données »: everything Magellan holds about a person, gathered from each app's `donnees_personnelles`
into one ZIP — one JSON file per kind of record (French keys, ISO 8601 dates) and the files the person uploaded,
read from the private storage."""

import json
import zipfile

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

import accompagnement.donnees_personnelles
import defis.donnees_personnelles
import evaluations.donnees_personnelles
import proconnect.donnees_personnelles
import programme.donnees_personnelles

from . import donnees_personnelles as magellan_donnees

EXPORTATEURS = (
    programme.donnees_personnelles,
    proconnect.donnees_personnelles,
    defis.donnees_personnelles,
    accompagnement.donnees_personnelles,
    evaluations.donnees_personnelles,
    magellan_donnees,
)

# What each kind of record is, in the archive's guide and on the page.
GENRES = {
    "profil": "Votre profil : nom, adresse, fonction, métiers, liens, présentation, photo de l'annuaire (le fichier "
              "est dans le dossier « fichiers ») et ce que l'annuaire montre de vous",
    "roles": "Vos rôles dans le programme et ses promotions",
    "invitations": "Les invitations que vous avez reçues",
    "notifications": "Les courriels que Magellan vous a adressés : objet, date, statut (le contenu est effacé "
                     "après l'envoi)",
    "rappels_refuses": "Les rappels que vous avez choisi de ne pas recevoir",
    "proconnect": "Votre identité ProConnect, si vous l'avez utilisée pour vous connecter",
    "equipes": "Les défis dont vous êtes membre de l'équipe",
    "inscriptions": "Vos inscriptions aux sessions et votre présence",
    "sessions_animees": "Les sessions que vous animez",
    "carnets": "Vos carnets de bord et vos auto-évaluations",
    "meteo": "Vos réponses à la météo entrepreneuriale",
    "heures": "Les heures d'accélération données comme parrain ou marraine",
    "creneaux_mentorat": "Les créneaux de mentorat que vous proposez",
    "cycles_mentorat": "Vos cycles de mentorat, reçus ou donnés",
    "demandes_aide": "Vos demandes au bureau d'aide",
    "groupes_partage": "Vos groupes de partage",
    "abonnement_agenda": "Votre abonnement à l'agenda",
    "comites": "Les comités d'évaluation auxquels vous participez",
    "supports": "Les supports de comité que vous avez écrits, avec leurs objectifs",
    "pieces_jointes": "Les fichiers que vous avez joints aux supports",
    "charte": "Vos prises de connaissance de la charte de la communauté : version, promotion, date",
    "parcours_arrivee": "Ce que votre parcours d'arrivée a noté : mot d'accueil lu, flux de l'agenda lu",
    "modifications": "Les modifications que vous avez faites (date, objet, action)",
}


def donnees_de(personne) -> dict[str, list[dict]]:
    """Every record Magellan holds about the person, by kind (a kind several apps give is one list)."""
    donnees = {}
    for exportateur in EXPORTATEURS:
        for genre, lignes in exportateur.donnees_de(personne).items():
            donnees.setdefault(genre, []).extend(lignes)
    donnees["modifications"].sort(key=lambda entree: entree["date"])
    return donnees


def fichiers_de(personne) -> list:
    """The files the person uploaded (`programme.donnees_personnelles.Fichier`), from every app."""
    return [fichier for exportateur in EXPORTATEURS for fichier in exportateur.fichiers_de(personne)]


def _guide(personne, donnees, absents) -> str:
    lignes = [f"Données de {personne.nom_complet} dans Magellan, exportées le "
              f"{timezone.localtime():%d/%m/%Y à %H:%M} (heure de Paris).", "",
              "Chaque fichier JSON du dossier « donnees » rassemble un genre d'enregistrements ; les dates suivent "
              "la norme ISO 8601 (UTC pour les instants). Le dossier « fichiers » contient les documents que "
              "vous avez déposés.", ""]
    lignes += [f"- donnees/{genre}.json ({len(donnees[genre])}) : {GENRES.get(genre, genre)}" for genre in donnees]
    if absents:
        lignes += ["", "Documents supprimés à la fin de leur durée de conservation :", *(f"- {a}" for a in absents)]
    return "\n".join(lignes) + "\n"


def archive_ecrire(personne, destination) -> None:
    """Write the person's ZIP into `destination` (a binary file); a document already removed from the storage (its
    retention ended) is named in the guide instead."""
    donnees = donnees_de(personne)
    absents = []
    with zipfile.ZipFile(destination, "w", zipfile.ZIP_DEFLATED) as archive:
        for genre, lignes in donnees.items():
            archive.writestr(f"donnees/{genre}.json", json.dumps(lignes, cls=DjangoJSONEncoder, ensure_ascii=False,
                                                                 indent=2))
        for fichier in fichiers_de(personne):
            if not fichier.fichier.storage.exists(fichier.fichier.name):
                absents.append(fichier.chemin)
                continue
            with fichier.fichier.storage.open(fichier.fichier.name, "rb") as contenu, \
                    archive.open(fichier.chemin, "w") as copie:
                for morceau in iter(lambda c=contenu: c.read(1 << 16), b""):
                    copie.write(morceau)
        archive.writestr("LISEZMOI.txt", _guide(personne, donnees, absents))
