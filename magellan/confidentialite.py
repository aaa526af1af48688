"""What the mentions légales say about personal data, read from the settings that decide it: the cookies Magellan
sets with their lifetimes, the retention periods, and where a person writes to exercise their rights."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage


@dataclass(frozen=True)
class Cookie:
    nom: str
    finalite: str
    duree: str


def duree_en_clair(secondes: int) -> str:
    """A lifetime in the largest whole unit French readers use: « 8 heures », « 52 semaines », « 180 jours »."""
    for unite, singulier, pluriel in ((7 * 86400, "semaine", "semaines"), (86400, "jour", "jours"),
                                      (3600, "heure", "heures"), (60, "minute", "minutes")):
        if secondes >= unite and secondes % unite == 0 and (unite != 7 * 86400 or secondes >= 2 * unite):
            nombre = secondes // unite
            return f"{nombre} {singulier if nombre == 1 else pluriel}"
    return f"{secondes} secondes"


def cookies() -> list[Cookie]:
    """Every cookie Magellan sets, all needed for the service to work (none measures the audience)."""
    session = duree_en_clair(settings.SESSION_COOKIE_AGE)
    return [
        Cookie(settings.SESSION_COOKIE_NAME, "Garde la connexion ouverte d'une page à l'autre.",
               f"{session} ; effacé à la déconnexion"),
        Cookie(settings.CSRF_COOKIE_NAME, "Protège les formulaires contre leur envoi par un autre site.",
               duree_en_clair(settings.CSRF_COOKIE_AGE) if settings.CSRF_COOKIE_AGE else "jusqu'à la fermeture du "
               "navigateur"),
        Cookie(CookieStorage.cookie_name,
               "Porte un message de confirmation jusqu'à la page suivante (« Connexion réussie »…).",
               "jusqu'à l'affichage du message, au plus jusqu'à la fermeture du navigateur"),
    ]


def conservation() -> list[tuple[str, str]]:
    """The retention period of each kind of data, as the settings and the nightly tasks apply it."""
    return [
        ("Courriels envoyés", "leur contenu (qui peut porter un lien de connexion personnel) est effacé dès qu'ils "
         "sont partis ; s'ils n'ont pu partir, "
         f"{settings.COURRIELS_EN_ECHEC_JOURS} jours après le dernier essai (le temps qu'un coach les renvoie) ; "
         "leur destinataire et leur objet, "
         f"{settings.NOTIFICATIONS_CONSERVATION_JOURS} jours après leur envoi."),
        ("Documents téléversés (fichiers des supports de comité, documents du bureau d'aide)",
         f"{settings.DOCUMENTS_CONSERVATION_JOURS} jours après la fin de la promotion, puis supprimés."),
        ("Photo de l'annuaire", "jusqu'à ce que vous la supprimiez ou la remplaciez (page « Mon profil dans "
         "l'annuaire »), ou que votre compte soit effacé ; seul le fichier recadré est gardé, sans ce que l'appareil "
         "y avait noté."),
        ("Liens d'invitation", f"valables {settings.INVITATION_VALIDITE_JOURS} jours."),
        ("Compte, rôles, carnets de bord, réponses à la météo, heures, supports et rapports",
         "le temps de la participation au programme ; à votre départ, vous pouvez en demander l'effacement."),
        ("Sauvegardes de la base et des documents", "gardées pour une durée limitée fixée par l'exploitation, les "
         "plus anciennes étant retirées chaque nuit ; une donnée effacée en disparaît au terme de cette durée."),
    ]

