"""Writes of the accompagnement: sessions — created and changed by coaches, answered by the invited people.

Every change that reaches people (a cancellation, a new time or place, a seat freed from the waiting list)
sends them an e-mail, recorded under a key naming the session, the occasion and the person, and sent once
the transaction is committed. Registrations lock the session row, so that the
capacity holds even when people register at the same instant.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from programme.historique import auteur_courant, auteur_noter
from programme.notifications import Envoi, lien_absolu, notifier_plusieurs

from ..crochets import session_enregistree
from ..models import Inscription, Session
from ..selectors.sessions import invites_de

# Changes that move the event in people's calendars: they raise the iCalendar SEQUENCE.
CHAMPS_AGENDA = ["debut", "fin", "lieu", "lien_visio"]
# Changes the registered people are told about by e-mail.
CHAMPS_ANNONCES = ["titre", *CHAMPS_AGENDA]
CHAMPS_MULTIPLES = ["facilitateurs", "invites"]


@transaction.atomic
def session_creer(*, promotion, facilitateurs=(), invites=(), inscrits=(), publier=False, **champs) -> Session:
    """Create a session of `promotion` (a draft unless `publier`), whichever app needs it (comités, bureau
    d'aide, groupes…); its phase follows its start unless given. `inscrits` are registered to it at once, but
    its facilitators, who are part of it without taking a seat."""
    session = Session(promotion=promotion, **champs)
    session.statut = Session.Statut.PUBLIEE if publier else Session.Statut.BROUILLON
    # Checked first: the dates are within the promotion before the phase is looked up from them.
    session.full_clean()
    if "phase" not in champs:
        session.phase = promotion.phase_en_cours(timezone.localdate(session.debut))
    session.save()
    session.facilitateurs.set(facilitateurs)
    session.invites.set(invites)
    animateurs = {getattr(p, "pk", p) for p in facilitateurs}
    _inscrits_fixer(session, [p for p in inscrits if getattr(p, "pk", p) not in animateurs])
    session_enregistree.send(sender=Session, session=session)
    return session


@transaction.atomic
def sessions_creer(*, promotion, sessions, publier=False) -> list[Session]:
    """Create many sessions of `promotion` at once (a month's groupes de partage), each given as the keyword
    arguments of `session_creer` (`facilitateurs`, `invites`, `inscrits` included), and each checked as
    `session_creer` checks one: its fields, its dates within the promotion, the other apps' rules, the model's
    constraints, its phase following its start. The number of queries does not grow with the number of sessions:
    foreign keys and constraints are checked once per distinct value, the phases read once, the rows, their
    history and their people written in bulk, in the journal of changes under the request's person."""
    lignes = []
    for champs in sessions:
        champs = dict(champs)
        gens = {nom: champs.pop(nom, ()) for nom in ("facilitateurs", "invites", "inscrits")}
        session = Session(promotion=promotion, **champs)
        session.statut = Session.Statut.PUBLIEE if publier else Session.Statut.BROUILLON
        lignes.append((session, gens, "phase" in champs))
    _verifier_en_lot([session for session, _, _ in lignes])
    phases = list(promotion.phases.all())
    for session, _, phase_donnee in lignes:
        if not phase_donnee:
            jour = timezone.localdate(session.debut)
            session.phase = next((phase for phase in phases if phase.contient(jour)), None)
    creees = bulk_create_with_history([session for session, _, _ in lignes], Session, batch_size=500,
                                      default_user=auteur_courant(None))
    for (session, _, _), creee in zip(lignes, creees, strict=True):
        session.pk = creee.pk
    for nom in ("facilitateurs", "invites"):
        lien = getattr(Session, nom).through
        lien.objects.bulk_create([lien(session_id=session.pk, personne_id=getattr(p, "pk", p))
                                  for session, gens, _ in lignes for p in dict.fromkeys(gens[nom])],
                                 batch_size=1000)
    Inscription.objects.bulk_create([
        Inscription(session=session, personne_id=pk, statut=Inscription.Statut.INSCRITE)
        for session, gens, _ in lignes
        for pk in sorted({getattr(p, "pk", p) for p in gens["inscrits"]}
                         - {getattr(p, "pk", p) for p in gens["facilitateurs"]})
    ], batch_size=1000)
    for session, _, _ in lignes:
        session_enregistree.send(sender=Session, session=session)
    return [session for session, _, _ in lignes]


def _verifier_en_lot(sessions: list[Session]):
    """`full_clean` of each session, with what asks the database done once for them all: the existence of the rows
    their keys name, the uniqueness of their uid, and each constraint once per distinct set of values it reads."""
    cles = [champ for champ in Session._meta.concrete_fields if champ.many_to_one]
    for champ in cles:
        valeurs = {getattr(s, champ.attname) for s in sessions} - {None}
        connues = set(champ.remote_field.model._base_manager.filter(pk__in=valeurs).values_list("pk", flat=True))
        if valeurs - connues:
            raise ValidationError({champ.name: f"{champ.verbose_name.capitalize()} introuvable : "
                                               f"{sorted(valeurs - connues)}."})
    uids = [s.uid for s in sessions]
    if len(set(uids)) < len(uids) or Session.objects.filter(uid__in=uids).exists():
        raise ValidationError("Deux sessions ne peuvent pas avoir le même identifiant iCalendar.")
    deja_verifiees = set()
    for session in sessions:
        session.full_clean(exclude=[c.name for c in cles if getattr(session, c.attname) is not None],
                           validate_unique=False, validate_constraints=False)
        for contrainte in Session._meta.constraints:
            champs = sorted(contrainte.condition.referenced_base_fields)
            cle = (contrainte.name, *(getattr(session, Session._meta.get_field(nom).attname) for nom in champs))
            if cle not in deja_verifiees:
                contrainte.validate(Session, session)
                deja_verifiees.add(cle)


@transaction.atomic
def session_modifier(session: Session, *, inscrits=None, annoncer=True, par=None, **champs) -> Session:
    """Change a session. A new time or place raises its SEQUENCE; when it is published, everyone registered
    or waiting gets an e-mail saying what changed (unless not `annoncer`: a comité's change is not announced).
    A larger capacity lets people in from the waiting list. Its phase follows its start unless given; given
    `inscrits`, exactly these people are registered (the others' answers are removed). A person who becomes a
    facilitator loses their answer: facilitators are part of the session, never on its seats. `par`, who changed it,
    is named in the journal of changes (a web request names its person by itself)."""
    avant = Session.objects.select_for_update().get(pk=session.pk)
    if avant.statut == Session.Statut.ANNULEE:
        raise ValidationError("Cette session est annulée : elle ne peut plus être modifiée.")
    multiples = {nom: champs.pop(nom) for nom in CHAMPS_MULTIPLES if nom in champs}
    for nom, valeur in champs.items():
        setattr(session, nom, valeur)
    inscrites = avant.inscriptions.filter(statut=Inscription.Statut.INSCRITE).count()
    if session.capacite is not None and session.capacite < inscrites:
        raise ValidationError({"capacite": f"{inscrites} personnes sont déjà inscrites : "
                                           f"prévoyez au moins {inscrites} places."})
    session.statut, session.sequence = avant.statut, avant.sequence
    if any(getattr(avant, nom) != getattr(session, nom) for nom in CHAMPS_AGENDA):
        session.sequence += 1
    session.full_clean()
    if "phase" not in champs:
        session.phase = session.promotion.phase_en_cours(timezone.localdate(session.debut))
    auteur_noter(session, par)
    session.save()
    for nom, valeurs in multiples.items():
        getattr(session, nom).set(valeurs)
    if inscrits is not None:
        session.inscriptions.exclude(personne__in=inscrits).delete()
        _inscrits_fixer(session, inscrits)
    if multiples.get("facilitateurs") or (inscrits and session.facilitateurs.exists()):
        _animateurs_desinscrire(session)
    changements = [
        {"champ": Session._meta.get_field(nom).verbose_name, "avant": getattr(avant, nom),
         "apres": getattr(session, nom), "nom": nom}
        for nom in CHAMPS_ANNONCES if getattr(avant, nom) != getattr(session, nom)
    ]
    if session.statut == Session.Statut.PUBLIEE:
        # Whoever leaves the waiting list is told by the « place libérée » e-mail, new time and place included.
        promues = {personne.pk for personne in _attente_promouvoir(session)}
        if changements and annoncer:
            occasion = f"modifiee:{session.sequence}:{_horodatage(session.updated_at)}"
            _annoncer(session, "session_modifiee", f"Session modifiée : {session.titre}", occasion,
                      [p for p in _personnes_concernees(session) if p.pk not in promues], changements=changements)
    session_enregistree.send(sender=Session, session=session)
    return session


@transaction.atomic
def session_annuler(session: Session, *, motif: str, par=None) -> Session:
    """Cancel a session with its reason; everyone registered or waiting is told, once; the journal of changes
    names `par`."""
    motif = (motif or "").strip()
    if not motif:
        raise ValidationError({"motif_annulation": "Indiquez le motif de l'annulation : il est envoyé aux "
                                                   "personnes inscrites."})
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.statut == Session.Statut.ANNULEE:
        raise ValidationError("Cette session est déjà annulée.")
    etait_publiee = session.statut == Session.Statut.PUBLIEE
    session.statut = Session.Statut.ANNULEE
    session.motif_annulation = motif
    session.sequence += 1
    auteur_noter(session, par)
    session.save(update_fields=["statut", "motif_annulation", "sequence", "updated_at"])
    if etait_publiee:
        _annoncer(session, "session_annulee", f"Session annulée : {session.titre}", "annulee",
                  _personnes_concernees(session))
    return session


@transaction.atomic
def sessions_publier(sessions) -> int:
    """Publish these sessions' drafts at once (a month's groupes de partage), in a fixed number of queries; each
    gets its version in the journal of changes. Returns how many were published."""
    return _brouillons_publier(Session.objects.filter(pk__in=[getattr(s, "pk", s) for s in sessions]), par=None)


@transaction.atomic
def session_publier(session: Session) -> Session:
    """Publish a draft: the invited people see it and may register."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.statut != Session.Statut.BROUILLON:
        raise ValidationError("Seule une session en brouillon peut être publiée.")
    session.statut = Session.Statut.PUBLIEE
    session.save(update_fields=["statut", "updated_at"])
    return session


@transaction.atomic
def calendrier_publier(promotion, par=None) -> int:
    """Publish every draft of the promotion at once; returns how many were published. The groupes de partage's
    drafts are left out: they are published with their groups, which invites their members. Each session gets
    its version in the journal of changes, written in bulk, by `par` (else the request's person)."""
    return _brouillons_publier(Session.objects.filter(promotion=promotion, groupe_partage__isnull=True), par=par)


def _brouillons_publier(sessions, *, par) -> int:
    """Publish the drafts among `sessions` (a queryset) in a fixed number of queries, locked while written, each
    with its version in the journal of changes by `par` (else the request's person); returns how many."""
    brouillons = list(sessions.select_for_update(of=("self",)).filter(statut=Session.Statut.BROUILLON))
    maintenant = timezone.now()
    for session in brouillons:
        session.statut, session.updated_at = Session.Statut.PUBLIEE, maintenant
    bulk_update_with_history(brouillons, Session, ["statut", "updated_at"], batch_size=500,
                             default_user=auteur_courant(par))
    return len(brouillons)


@transaction.atomic
def session_supprimer(session: Session, par=None):
    """Delete a draft (a published session is cancelled instead, so that people are told); the journal of
    changes names `par`."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.statut != Session.Statut.BROUILLON:
        raise ValidationError("Seule une session en brouillon peut être supprimée ; annulez une session publiée.")
    auteur_noter(session, par)
    session.delete()


def _session_ouverte(session: Session):
    """Raise the reason why nobody may answer the session now, if any."""
    if session.statut == Session.Statut.ANNULEE:
        raise ValidationError("Cette session est annulée.")
    if session.statut != Session.Statut.PUBLIEE:
        raise ValidationError("Cette session n'est pas encore publiée.")
    if session.debut <= timezone.now():
        raise ValidationError("Cette session a déjà commencé : il n'est plus possible d'y répondre.")


@transaction.atomic
def session_inscrire(session: Session, personne) -> Inscription:
    """Register an invited person: a seat if one is left, otherwise the waiting list. Its facilitators are
    refused: they are part of it already and take no seat.

    The session row is locked until the end of the transaction, so two people never take the last seat.
    """
    session = Session.objects.select_for_update().get(pk=session.pk)
    _session_ouverte(session)
    if session.facilitateurs.filter(pk=personne.pk).exists():
        raise ValidationError("Vous animez cette session : vous en faites partie sans y prendre de place.")
    if not invites_de(session).filter(pk=personne.pk).exists():
        raise ValidationError("Vous n'êtes pas invitée ou invité à cette session.")
    inscription = Inscription.objects.filter(session=session, personne=personne).first()
    if inscription and inscription.statut in (Inscription.Statut.INSCRITE, Inscription.Statut.ATTENTE):
        return inscription
    statut = Inscription.Statut.INSCRITE if _places_restantes(session) != 0 else Inscription.Statut.ATTENTE
    if inscription is None:
        return Inscription.objects.create(session=session, personne=personne, statut=statut)
    inscription.statut = statut
    inscription.save(update_fields=["statut", "updated_at"])
    return inscription


@transaction.atomic
def session_decliner(session: Session, personne) -> Inscription:
    """Decline an invitation or withdraw; a seat freed goes to the first person waiting, who is told."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    _session_ouverte(session)
    inscription = Inscription.objects.filter(session=session, personne=personne).first()
    if inscription is None:
        if not invites_de(session).filter(pk=personne.pk).exists():
            raise ValidationError("Vous n'êtes pas invitée ou invité à cette session.")
        return Inscription.objects.create(session=session, personne=personne, statut=Inscription.Statut.DECLINEE)
    liberait_une_place = inscription.statut == Inscription.Statut.INSCRITE
    inscription.statut = Inscription.Statut.DECLINEE
    inscription.save(update_fields=["statut", "updated_at"])
    if liberait_une_place:
        _attente_promouvoir(session)
    return inscription


@transaction.atomic
def presences_marquer(session: Session, presents) -> int:
    """Record the attendance sheet: the registered people in `presents` came, the others did not."""
    presents = {getattr(p, "pk", p) for p in presents}
    # The answers of erased people keep the attendance they had.
    inscriptions = list(session.inscriptions.filter(statut=Inscription.Statut.INSCRITE, personne__isnull=False))
    for inscription in inscriptions:
        inscription.present = inscription.personne_id in presents
    Inscription.objects.bulk_update(inscriptions, ["present"])
    return sum(1 for i in inscriptions if i.present)


def session_inscrits_ajouter(session: Session, personnes):
    """Register these people to the session, those who have no answer to it yet (a comité's participants, set
    by the coaches: no capacity check, no e-mail)."""
    _inscrits_fixer(session, personnes)


@transaction.atomic
def session_animateurs_desinscrire(session: Session) -> None:
    """After its facilitators were set elsewhere (the administration's form): their answers go, the seats they
    held go to the people waiting, who are told."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    if _animateurs_desinscrire(session) and session.statut == Session.Statut.PUBLIEE:
        _attente_promouvoir(session)


def _animateurs_desinscrire(session: Session) -> int:
    """Remove the facilitators' answers to their session: they are part of it, never on its seats."""
    supprimees, _ = session.inscriptions.filter(personne__in=session.facilitateurs.all()).delete()
    return supprimees


def _inscrits_fixer(session: Session, personnes):
    """Register the people who have no answer to the session yet (a list set by a coach: no capacity check)."""
    deja = set(session.inscriptions.values_list("personne_id", flat=True))
    Inscription.objects.bulk_create(
        Inscription(session=session, personne_id=pk, statut=Inscription.Statut.INSCRITE)
        for pk in sorted({getattr(p, "pk", p) for p in personnes} - deja)
    )


def _places_restantes(session: Session) -> int | None:
    """Seats left (None: no limit); call it with the session row locked."""
    if session.capacite is None:
        return None
    inscrites = session.inscriptions.filter(statut=Inscription.Statut.INSCRITE).count()
    return max(session.capacite - inscrites, 0)


def _attente_promouvoir(session: Session) -> list:
    """Give the free seats to the people waiting, first come first served, and tell them; returns them."""
    places = _places_restantes(session)
    attente = (session.inscriptions.filter(statut=Inscription.Statut.ATTENTE)
               .select_related("personne").order_by("updated_at", "pk"))
    promues = [inscription.personne for inscription in (attente if places is None else attente[:places])]
    if not promues:
        return []
    maintenant = timezone.now()
    Inscription.objects.filter(session=session, personne__in=promues).update(
        statut=Inscription.Statut.INSCRITE, updated_at=maintenant
    )
    _annoncer(session, "session_place_liberee", f"Une place s'est libérée : votre inscription à « {session.titre} » "
              "est confirmée", f"place-liberee:{_horodatage(maintenant)}", promues)
    return promues


def _personnes_concernees(session: Session):
    """Everyone registered or waiting, the people a change must reach."""
    return [
        inscription.personne
        for inscription in session.inscriptions.filter(
            statut__in=[Inscription.Statut.INSCRITE, Inscription.Statut.ATTENTE], personne__isnull=False
        ).select_related("personne")
    ]


def _horodatage(instant) -> str:
    """An instant to the microsecond, naming one occasion in a notification key."""
    return instant.strftime("%Y%m%dT%H%M%S%f")


def _annoncer(session: Session, gabarit: str, sujet: str, occasion: str, personnes, **contexte):
    """E-mail each person (text and HTML) once the transaction is committed, once per occasion."""
    lien = lien_absolu(reverse("session", kwargs={"pk": session.pk}))
    notifier_plusieurs([
        Envoi(
            personne=personne, cle=f"session:{session.pk}:{occasion}:{personne.pk}",
            gabarit=f"accompagnement/emails/{gabarit}", sujet=sujet, contexte={"session": session, **contexte},
            lien=lien,
        )
        for personne in personnes
    ])


@transaction.atomic
def inscriptions_anonymiser(personne, maintenant=None) -> int:
    """An erased person's answers to sessions: those of sessions not yet over are withdrawn (a seat freed goes to
    the first person waiting), those of past sessions stay with nobody behind them, so that attendance figures
    stay as they were. Returns how many answers stay."""
    maintenant = maintenant or timezone.now()
    a_venir = Inscription.objects.filter(personne=personne, session__fin__gt=maintenant)
    sessions = list(Session.objects.select_for_update().filter(
        pk__in=a_venir.filter(statut=Inscription.Statut.INSCRITE).values("session")))
    a_venir.delete()
    for session in sessions:
        _attente_promouvoir(session)
    return Inscription.objects.filter(personne=personne).update(personne=None)
