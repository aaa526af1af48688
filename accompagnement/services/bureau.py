"""Writes of the bureau d'aide: a team files a request with an optional document, coaches triage it.

Each step of the triage (prise en charge, séances planifiées, clôture) e-mails each member of the team once
committed; a new request e-mails the coaches of the défi's promotion and those of the whole programme. Each
e-mail is recorded under `demande:<pk>:<etape>:<personne>`, so a step repeated by a double click sends nothing
twice.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from defis.models import MembreEquipe
from programme.conservation import fichiers_supprimer, promotions_aux_documents_echus
from programme.fichiers import TYPES, TYPES_DOCUMENTS, fichier_verifier, type_du_nom
from programme.models import Personne, Role
from programme.notifications import Envoi, lien_absolu, notifier_plusieurs

from ..models import DemandeAide, Dispositif, Session
from .sessions import session_creer

DISPOSITIF_BUREAU_AIDE = "bureau-aide"
LONGUEUR_NOM_MAX = 60
# The bureau d'aide takes every document the project knows, spreadsheets included.
TYPES_BUREAU = TYPES_DOCUMENTS


def document_verifier(fichier) -> str:
    """Accept an upload of at most FICHIER_TAILLE_MAX whose content is PDF, PNG, JPEG, OpenDocument or Office
    and whose extension says the same (the project's one checker, `programme.fichiers`); return its type, or
    raise a ValidationError in plain French."""
    return fichier_verifier(fichier, TYPES_BUREAU)


def document_mimetype(nom: str) -> str:
    """The content type to serve a stored document with, from its (verified) extension."""
    cle = type_du_nom(nom)
    return TYPES[cle].mime if cle else "application/octet-stream"


@transaction.atomic
def demande_aide_creer(*, defi, demandeur, nature, description, document=None) -> DemandeAide:
    """A team member asks the bureau d'aide for help on their défi; the coaches are told by e-mail."""
    demande = DemandeAide(defi=defi, demandeur=demandeur, nature=nature, description=description.strip())
    if document:
        document_verifier(document)
        chemin = Path(document.name)
        document.name = chemin.stem[:LONGUEUR_NOM_MAX] + chemin.suffix.lower()
        demande.document = document
    demande.full_clean()
    demande.save()
    _mail_aux_coachs(demande)
    return demande


def _verrouiller(demande) -> DemandeAide:
    demande = DemandeAide.objects.select_for_update(of=("self",)).select_related("defi__promotion").get(pk=demande.pk)
    if demande.statut == DemandeAide.Statut.CLOSE:
        raise ValidationError("Cette demande est close : elle ne peut plus changer.")
    return demande


def _prendre_en_charge(demande, coach):
    demande.coach = coach
    if demande.prise_en_charge_le is None:
        demande.prise_en_charge_le = timezone.now()
    if demande.statut == DemandeAide.Statut.NOUVELLE:
        demande.statut = DemandeAide.Statut.PRISE_EN_CHARGE


@transaction.atomic
def demande_aide_prendre_en_charge(demande, *, coach) -> DemandeAide:
    """A coach takes the request (or hands it to another coach); the team is told who follows it."""
    demande = _verrouiller(demande)
    _prendre_en_charge(demande, coach)
    demande.save(update_fields=["coach", "prise_en_charge_le", "statut"])
    _mail_a_l_equipe(demande, "prise_en_charge", occasion=f"prise_en_charge:{coach.pk}")
    return demande


@transaction.atomic
def demande_aide_planifier(demande, *, seances, par) -> list[Session]:
    """Plan one or more séances of the bureau d'aide for the request: published sessions of the défi's team,
    who are registered to them and told by e-mail. `seances` holds dicts of debut, fin, lieu, lien_visio.

    A request nobody had taken yet is taken by `par`, who facilitates the séances with its coach."""
    demande = _verrouiller(demande)
    promotion = demande.defi.promotion
    if promotion is None:
        raise ValidationError("Le défi n'est rattaché à aucune promotion : rattachez-le avant de planifier.")
    if not seances:
        raise ValidationError("Indiquez au moins une séance.")
    if demande.coach_id is None:
        _prendre_en_charge(demande, par)
    dispositif = Dispositif.objects.get(slug=DISPOSITIF_BUREAU_AIDE)
    equipe = list(_equipe(demande))
    titre = f"Bureau d'aide : {demande.get_nature_display()} · {demande.defi.titre}"[:200]
    sessions = [
        session_creer(
            promotion=promotion, dispositif=dispositif, titre=titre, description=demande.description,
            debut=seance["debut"], fin=seance["fin"], lieu=seance.get("lieu", ""),
            lien_visio=seance.get("lien_visio", ""), audience=Session.Audience.DEFI, defi=demande.defi,
            facilitateurs=[demande.coach], inscrits=equipe, publier=True,
        )
        for seance in seances
    ]
    demande.sessions.add(*sessions)
    demande.statut = DemandeAide.Statut.PLANIFIEE
    demande.save(update_fields=["coach", "prise_en_charge_le", "statut"])
    _mail_a_l_equipe(demande, "planifiee", occasion=f"planifiee:{sessions[0].pk}", seances=sessions)
    return sessions


@transaction.atomic
def demande_aide_clore(demande, *, resultat, par) -> DemandeAide:
    """Close the request with its outcome; the team reads it in the e-mail and on the request's page."""
    demande = _verrouiller(demande)
    if not resultat.strip():
        raise ValidationError({"resultat": "Indiquez le résultat de la demande."})
    if demande.coach_id is None:
        _prendre_en_charge(demande, par)
    demande.resultat = resultat.strip()
    demande.statut = DemandeAide.Statut.CLOSE
    demande.close_le = timezone.now()
    demande.save(update_fields=["coach", "prise_en_charge_le", "resultat", "statut", "close_le"])
    _mail_a_l_equipe(demande, "close", occasion="close")
    return demande


def _equipe(demande):
    """Who may file a request for the défi (EIG and porteurs): they follow it by e-mail and attend the séances."""
    return Personne.objects.filter(
        equipes__defi=demande.defi, equipes__role__in=[MembreEquipe.Role.EIG, MembreEquipe.Role.PORTEUR],
        is_active=True,
    ).distinct().order_by("pk")


def _coachs(demande):
    return Personne.objects.filter(
        Q(roles__promotion=demande.defi.promotion_id) | Q(roles__promotion__isnull=True),
        roles__type=Role.Type.COACH, is_active=True,
    ).exclude(email=None).distinct().order_by("pk")


def _lien(demande) -> str:
    return lien_absolu(reverse("bureau_aide_demande", kwargs={"pk": demande.pk}))


def _envoyer(demande, occasion, sujet, gabarit, contexte, destinataires):
    notifier_plusieurs([
        Envoi(personne=personne, cle=f"demande:{demande.pk}:{occasion}:{personne.pk}", gabarit=gabarit,
              sujet=sujet, contexte={"demande": demande, **contexte}, lien=_lien(demande))
        for personne in destinataires
    ])


def _mail_aux_coachs(demande):
    _envoyer(
        demande, "nouvelle", f"Bureau d'aide : nouvelle demande de {demande.defi.titre}",
        "accompagnement/emails/bureau_nouvelle", {}, _coachs(demande),
    )


SUJETS = {
    "prise_en_charge": "Bureau d'aide : votre demande est prise en charge",
    "planifiee": "Bureau d'aide : vos séances sont planifiées",
    "close": "Bureau d'aide : votre demande est close",
}


def _mail_a_l_equipe(demande, etape, *, occasion, seances=()):
    """`occasion` names this step in the keys: the coach taken on, the first séance planned, or the closing."""
    _envoyer(
        demande, occasion, SUJETS[etape], f"accompagnement/emails/bureau_{etape}", {"seances": seances},
        _equipe(demande),
    )


def documents_echus_supprimer(jour=None) -> int:
    """Remove from the private storage the documents of the requests of défis whose promotion is past its
    documents' retention (`programme.conservation`); returns how many files left. The request keeps the file's
    name, for its page to say the document was removed at the end of its retention. Run every night."""
    demandes = DemandeAide.objects.filter(defi__promotion__in=promotions_aux_documents_echus(jour)).exclude(document="")
    return fichiers_supprimer(demande.document for demande in demandes.iterator())


@transaction.atomic
def documents_de_supprimer(personne) -> int:
    """Remove the documents an erased person joined to their requests to the bureau d'aide (the requests stay
    with their défi, without them); returns how many files left."""
    demandes = list(DemandeAide.objects.filter(demandeur=personne).exclude(document=""))
    fichiers = [demande.document for demande in demandes]
    DemandeAide.objects.filter(pk__in=[d.pk for d in demandes]).update(document="")
    transaction.on_commit(lambda: fichiers_supprimer(fichiers))
    return len(fichiers)
