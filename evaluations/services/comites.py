"""Writes of the comités: dated near the end of each phase, and kept in everyone's agenda as a session.

Each comité holds an `accompagnement.Session` of the « comité d'évaluation » dispositif: its participants are
registered to it and its coaches facilitate it, so the personal agenda shows it to all of them. The other way
round, a session of that dispositif planned for a défi and a phase anywhere else (the planner, the session form,
the admin) is that défi's comité for that phase: `comite_suivre_session` listens to accompagnement's
`session_enregistree` hook and creates, links or moves the comité.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from accompagnement.models import Dispositif, Session
from accompagnement.referentiel import DISPOSITIFS
from accompagnement.services.planificateur import creneaux_libres_de_comites
from accompagnement.services.sessions import (
    session_annuler,
    session_creer,
    session_inscrits_ajouter,
    session_modifier,
    session_publier,
    session_supprimer,
)
from defis.models import MembreEquipe
from programme.dates import PARIS, fenetre_comites, verifier_date
from programme.models import Personne

from ..calendrier import dernier_jour_ouvre
from ..models import Comite, ReglagesEvaluation

DISPOSITIF_COMITE = "comite-evaluation"
HEURE_PAR_DEFAUT = datetime.time(14, 0)
DUREE_PAR_DEFAUT = 90


def reglages_de(promotion) -> ReglagesEvaluation:
    """The promotion's evaluation settings, created with the defaults the first time they are asked for."""
    reglages, _ = ReglagesEvaluation.objects.get_or_create(promotion=promotion)
    return reglages


@transaction.atomic
def reglages_modifier(reglages: ReglagesEvaluation) -> ReglagesEvaluation:
    """Save a promotion's settings; every comité of the promotion gets its support deadline again."""
    reglages.full_clean()
    reglages.save()
    Comite.objects.filter(defi__promotion=reglages.promotion_id).update(
        echeance_support=F("debut") - datetime.timedelta(days=reglages.delai_support_jours)
    )
    return reglages


def comite_date_par_defaut(phase) -> datetime.datetime:
    """The last working day of the phase, at 2 p.m. in Paris."""
    if phase.date_fin is None:
        raise ValidationError(f"La {phase} n'a pas de date de fin : datez-la avant de planifier ses comités.")
    return datetime.datetime.combine(dernier_jour_ouvre(phase.date_fin), HEURE_PAR_DEFAUT, tzinfo=PARIS)


def equipe_par_defaut(defi):
    """Who attends a comité unless told otherwise: the défi's EIG and porteurs."""
    return Personne.objects.filter(
        equipes__defi=defi, equipes__role__in=[MembreEquipe.Role.EIG, MembreEquipe.Role.PORTEUR]
    ).distinct()


def _titre_session(comite) -> str:
    return f"Comité d'évaluation · phase {comite.phase.numero} · {comite.defi.titre}"[:200]


def _dispositif_comite() -> Dispositif:
    """The catalogue's « comité d'évaluation », put back from the reference if it was removed."""
    ordre, reference = next((i, d) for i, d in enumerate(DISPOSITIFS) if d["slug"] == DISPOSITIF_COMITE)
    dispositif, _ = Dispositif.objects.get_or_create(slug=DISPOSITIF_COMITE, defaults={**reference, "ordre": ordre})
    return dispositif


def _session_synchroniser(comite: Comite):
    """Create or change the comité's session, its facilitators and its registrations, through accompagnement's
    session services: checked like any session, its iCalendar SEQUENCE raised when its date, length or video
    link changes, so that calendar applications replace the event they hold. The change is not e-mailed."""
    champs = {
        "phase": comite.phase, "defi": comite.defi, "titre": _titre_session(comite),
        "description": (
            f"Le comité d'évaluation de la phase {comite.phase.numero} ({comite.phase.nom}). "
            "L'équipe y présente son support ; les coachs rédigent ensuite le rapport d'évaluation."
        ),
        "debut": comite.debut, "fin": comite.fin, "lien_visio": comite.lien_visio,
        "facilitateurs": list(comite.coachs.all()),
    }
    participants = list(comite.participants.values_list("pk", flat=True))
    session = (
        Session.objects.exclude(statut=Session.Statut.ANNULEE).filter(pk=comite.session_id).first()
        if comite.session_id else None
    )
    if session is None:
        # The planner may already have put this comité in the calendar: the comité takes that session over.
        session = (
            Session.objects.filter(dispositif__slug=DISPOSITIF_COMITE, defi=comite.defi, phase=comite.phase,
                                   comite__isnull=True)
            .exclude(statut=Session.Statut.ANNULEE)
            .first()
        )
    if session is None:
        session = session_creer(
            promotion=comite.defi.promotion, dispositif=_dispositif_comite(), audience=Session.Audience.DEFI,
            inscrits=participants, publier=True, **champs,
        )
    else:
        session = session_modifier(session, inscrits=participants, annoncer=False, **champs)
        if session.statut == Session.Statut.BROUILLON:
            session = session_publier(session)
    if comite.session_id != session.pk:
        comite.session = session
        comite.save(update_fields=["session"])


def _coachs_suivre(comite: Comite, session: Session) -> None:
    """The session's facilitators are the comité's coaches: a coach added to or removed from the session in the
    calendar, the board or the admin is added to or removed from the comité (written only when they differ, so that
    the journal records a real change)."""
    facilitateurs = set(session.facilitateurs.values_list("pk", flat=True))
    if set(comite.coachs.values_list("pk", flat=True)) != facilitateurs:
        comite.coachs.set(facilitateurs)


def comite_verifier_session(sender=None, *, session, **kwargs):
    """Refuse, before it is written, a « comité d'évaluation » session of a défi that makes no sense: after the
    promotion ended, or a second one for a comité that has its live session (accompagnement's `session_verifiee`
    hook, so the session form and the admin show the reason on the form)."""
    if (session.statut == Session.Statut.ANNULEE or not session.defi_id or not session.dispositif_id
            or not session.promotion_id or session.debut is None or session.dispositif.slug != DISPOSITIF_COMITE):
        return
    verifier_date(session.debut, fenetre_comites(session.promotion), "debut")
    phase = session.phase if session.phase_id else session.promotion.phase_en_cours(
        timezone.localdate(session.debut))
    comite = Comite.objects.filter(defi_id=session.defi_id, phase=phase).select_related("defi", "phase").first()
    if comite is not None and comite.session_id not in (None, session.pk) and Session.objects.filter(
            pk=comite.session_id).exclude(statut=Session.Statut.ANNULEE).exists():
        raise ValidationError(
            f"Le défi « {comite.defi.titre} » a déjà son comité d'évaluation de la phase {comite.phase.numero} : "
            "changez sa date depuis la page du comité plutôt que d'en planifier un second."
        )


def comite_suivre_session(sender=None, *, session, **kwargs):
    """Keep the comité of a « comité d'évaluation » session of a défi and a phase in step with it: create it
    (with the défi's team registered and the session's facilitators as coaches), take over a comité left
    without a live session, or move a linked comité to the session's date, length and link. A second live
    session for a comité that has one is refused in French, as is a date outside the promotion."""
    if (session.statut == Session.Statut.ANNULEE or session.defi_id is None
            or session.dispositif.slug != DISPOSITIF_COMITE):
        return
    comite_verifier_session(session=session)
    if session.phase_id is None:
        return
    duree = int((session.fin - session.debut).total_seconds() // 60)
    comite = Comite.objects.filter(defi_id=session.defi_id, phase_id=session.phase_id).first()
    valeurs = (session.debut, duree, session.lien_visio)
    if comite is not None and comite.session_id == session.pk and (
            comite.debut, comite.duree_minutes, comite.lien_visio) == valeurs:
        _coachs_suivre(comite, session)
        return
    nouveau = comite is None
    if nouveau:
        comite = Comite(defi=session.defi, phase=session.phase)
    delai = reglages_de(session.promotion).delai_support_jours
    comite.debut, comite.duree_minutes, comite.lien_visio = valeurs
    comite.echeance_support = session.debut - datetime.timedelta(days=delai)
    comite.session = session
    comite.full_clean(exclude=["session"])
    comite.save()
    _coachs_suivre(comite, session)
    if nouveau:
        comite.participants.set(equipe_par_defaut(session.defi))
        session_inscrits_ajouter(session, list(comite.participants.all()))


@transaction.atomic
def comite_creer(defi, phase, *, debut=None, duree_minutes=DUREE_PAR_DEFAUT, lien_visio="", coachs=(),
                 participants=None) -> Comite:
    """Create a défi's comité for a phase, dated by default on the phase's last working day at 2 p.m.

    The participants default to the défi's team (EIG and porteurs); the session appears in their agendas.
    """
    if defi.promotion_id is None or phase.promotion_id != defi.promotion_id:
        raise ValidationError("Cette phase n'est pas une phase de la promotion du défi.")
    debut = debut or comite_date_par_defaut(phase)
    verifier_date(debut, fenetre_comites(defi.promotion), "debut")
    delai = reglages_de(defi.promotion).delai_support_jours
    comite = Comite(
        defi=defi, phase=phase, debut=debut, duree_minutes=duree_minutes, lien_visio=lien_visio,
        echeance_support=debut - datetime.timedelta(days=delai),
    )
    comite.full_clean(exclude=["session"])
    comite.save()
    comite.coachs.set(coachs)
    comite.participants.set(equipe_par_defaut(defi) if participants is None else participants)
    _session_synchroniser(comite)
    return comite


@transaction.atomic
def comites_creer_pour(promotion, phase, *, coachs=()) -> list[Comite]:
    """Create the missing comités of every défi of the promotion for a phase; those existing are left as they are.

    They are staggered as the planner does: in the phase's last working days, four a day one after the other,
    overlapping none of the promotion's sessions, so that the same coaches can sit on all of them.
    Idempotent, even when two coaches ask at once: a comité created meanwhile is skipped.
    """
    if phase.promotion_id != promotion.pk:
        raise ValidationError("Cette phase n'est pas une phase de cette promotion.")
    if phase.date_fin is None:
        raise ValidationError(f"La {phase} n'a pas de date de fin : datez-la avant de planifier ses comités.")
    existants = set(Comite.objects.filter(phase=phase).values_list("defi_id", flat=True))
    defis = list(promotion.defis.exclude(pk__in=existants).order_by("titre"))
    creneaux = creneaux_libres_de_comites(promotion, phase, len(defis), DUREE_PAR_DEFAUT) if defis else []
    crees = []
    for defi, (debut, _fin) in zip(defis, creneaux):
        try:
            with transaction.atomic():
                crees.append(comite_creer(defi, phase, debut=debut, coachs=coachs))
        except (IntegrityError, ValidationError):
            if not Comite.objects.filter(defi=defi, phase=phase).exists():
                raise
    return crees


@transaction.atomic
def comite_modifier(comite: Comite, *, debut, duree_minutes, lien_visio, coachs, participants) -> Comite:
    """Change a comité's date, length, link, coaches or participants; its session and deadline follow."""
    verifier_date(debut, fenetre_comites(comite.defi.promotion), "debut")
    delai = reglages_de(comite.defi.promotion).delai_support_jours
    comite.debut, comite.duree_minutes, comite.lien_visio = debut, duree_minutes, lien_visio
    comite.echeance_support = debut - datetime.timedelta(days=delai)
    comite.full_clean(exclude=["session"])
    comite.save()
    comite.coachs.set(coachs)
    comite.participants.set(participants)
    _session_synchroniser(comite)
    return comite


@transaction.atomic
def comite_supprimer(comite: Comite):
    """Delete a comité with its support and rapport. Its session goes through the session services as any other:
    a draft is deleted; a published one is cancelled, so that participants are told once and subscribed
    calendars (iCalendar) mark it cancelled instead of keeping a stale event."""
    session = comite.session
    nom = f"{comite.defi.titre}, phase {comite.phase.numero}"
    comite.delete()
    if session is None:
        return
    if session.statut == Session.Statut.BROUILLON:
        session_supprimer(session)
    elif session.statut == Session.Statut.PUBLIEE:
        session_annuler(session, motif=f"Le comité d'évaluation ({nom}) est retiré du calendrier par les coachs.")
