"""Reads of the accompagnement: the catalogue of dispositifs, sessions and who is invited to them.

Every list comes with what its page shows (dispositif, invited défi or métier, counts of registrations),
so that a page's number of queries does not grow with the number of sessions.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from defis.models import MembreEquipe
from programme.dates import FORMAT_MOIS, mois_suivant, moments_lisibles, premier_du_mois
from programme.models import Personne, Promotion, Role

from ..models import Dispositif, Inscription, Session

INSCRITE = Inscription.Statut.INSCRITE
ATTENTE = Inscription.Statut.ATTENTE


def dispositifs_par_famille() -> list[dict]:
    """The catalogue, family by family in the programme's order: [{"famille", "libelle", "dispositifs"}]."""
    dispositifs = list(Dispositif.objects.order_by("ordre", "nom"))
    return [
        {"famille": famille, "libelle": libelle, "dispositifs": [d for d in dispositifs if d.famille == famille]}
        for famille, libelle in Dispositif.Famille.choices
        if any(d.famille == famille for d in dispositifs)
    ]


def invites_de(session: Session) -> QuerySet[Personne]:
    """The active people invited to a session, according to its audience.

    promotion: every role of the promotion; eig: its EIG; porteurs: its porteurs and sponsors; defi: the
    défi's team; metier: the promotion's EIG of that métier; liste: the people listed.
    """
    Audience = Session.Audience
    roles = Role.objects.filter(promotion_id=session.promotion_id)
    if session.audience == Audience.PROMOTION:
        ids = roles.values("personne_id")
    elif session.audience == Audience.EIG:
        ids = roles.filter(type=Role.Type.EIG).values("personne_id")
    elif session.audience == Audience.PORTEURS:
        ids = roles.filter(type__in=[Role.Type.PORTEUR, Role.Type.SPONSOR]).values("personne_id")
    elif session.audience == Audience.DEFI:
        ids = MembreEquipe.objects.filter(defi_id=session.defi_id).values("personne_id")
    elif session.audience == Audience.METIER:
        ids = roles.filter(
            type=Role.Type.EIG, personne__expertises=session.expertise_id
        ).values("personne_id")
    else:
        ids = Session.invites.through.objects.filter(session_id=session.pk).values("personne_id")
    return Personne.objects.filter(pk__in=ids, is_active=True)


def sessions_invitant(personne) -> QuerySet[Session]:
    """Every session, whatever its status or date, whose audience includes `personne` (one query)."""
    Audience = Session.Audience
    roles = Role.objects.filter(personne=personne)
    promotions_eig = roles.filter(type=Role.Type.EIG).values("promotion_id")
    return Session.objects.filter(
        Q(audience=Audience.PROMOTION, promotion__in=roles.values("promotion_id"))
        | Q(audience=Audience.EIG, promotion__in=promotions_eig)
        | Q(audience=Audience.PORTEURS,
            promotion__in=roles.filter(type__in=[Role.Type.PORTEUR, Role.Type.SPONSOR]).values("promotion_id"))
        | Q(audience=Audience.DEFI, defi__in=MembreEquipe.objects.filter(personne=personne).values("defi_id"))
        | Q(audience=Audience.METIER, promotion__in=promotions_eig,
            expertise__in=Personne.expertises.through.objects.filter(personne=personne).values("expertise_id"))
        | Q(Exists(Session.invites.through.objects.filter(session_id=OuterRef("pk"), personne=personne)),
            audience=Audience.LISTE),
        moments_lisibles(),
    )


def _avec_comptes(sessions: QuerySet[Session]) -> QuerySet[Session]:
    return sessions.annotate(
        nombre_inscrites=Count("inscriptions", filter=Q(inscriptions__statut=INSCRITE)),
        nombre_attente=Count("inscriptions", filter=Q(inscriptions__statut=ATTENTE)),
    )


def comptes_ajouter(sessions) -> list[Session]:
    """The sessions given (a page of a list), each with `nombre_inscrites` and `nombre_attente`, counted in one
    query for these sessions only: a list is cut into pages before anything is counted."""
    sessions = list(sessions)
    comptes = {
        (session_id, statut): nombre
        for session_id, statut, nombre in Inscription.objects.filter(
            session__in=sessions, statut__in=[INSCRITE, ATTENTE]
        ).order_by().values_list("session_id", "statut").annotate(Count("pk"))
    } if sessions else {}
    for session in sessions:
        session.nombre_inscrites = comptes.get((session.pk, INSCRITE), 0)
        session.nombre_attente = comptes.get((session.pk, ATTENTE), 0)
    return sessions


def sessions_ouvertes_pour(personne) -> QuerySet[Session]:
    """The published sessions to come that `personne` is invited to and does not facilitate, soonest first, each
    with its dispositif and the person's own answer in `mes_inscriptions` (a list of zero or one); the page shown
    gets its counts from `comptes_ajouter`."""
    return (
        sessions_invitant(personne)
        .filter(statut=Session.Statut.PUBLIEE, debut__gt=timezone.now())
        .exclude(facilitateurs=personne)
        .select_related("dispositif", "defi", "expertise", "promotion")
        .prefetch_related(Prefetch("inscriptions", queryset=Inscription.objects.filter(personne=personne),
                                   to_attr="mes_inscriptions"))
        .order_by("debut", "pk")
    )


def sessions_de_promotion(promotion: Promotion, *, dispositif=None, statut="", mois="") -> QuerySet[Session]:
    """The coaches' list of a promotion's sessions, filtered by dispositif, status and month ("AAAA-MM"); the page
    shown gets its counts from `comptes_ajouter`."""
    sessions = (
        Session.objects.filter(moments_lisibles(), promotion=promotion)
        .select_related("dispositif", "defi", "expertise", "phase")
        .prefetch_related("facilitateurs")
        .order_by("debut", "pk")
    )
    if dispositif:
        sessions = sessions.filter(dispositif=dispositif)
    if statut:
        sessions = sessions.filter(statut=statut)
    if mois:
        annee, numero = (int(x) for x in mois.split("-"))
        debut = timezone.make_aware(datetime.datetime(annee, numero, 1))
        sessions = sessions.filter(debut__gte=debut, debut__lt=debut + relativedelta(months=1))
    return sessions


def calendrier_planifie(promotion: Promotion) -> list[Session]:
    """The promotion's drafts, with their counts, for the coaches to review before publishing."""
    return comptes_ajouter(sessions_de_promotion(promotion, statut=Session.Statut.BROUILLON))


def session_pour_page(pk) -> Session | None:
    """A session with what its page shows: dispositif, promotion, phase, invited défi or métier, facilitators;
    None for a session stored out of the accepted dates (its page could not show them)."""
    return (
        _avec_comptes(Session.objects.filter(moments_lisibles(), pk=pk))
        .select_related("dispositif", "promotion", "phase", "defi", "expertise")
        .prefetch_related("facilitateurs")
        .first()
    )


def inscriptions_de(session: Session) -> QuerySet[Inscription]:
    """The answers to a session with each person, in the order they came (the waiting list's order)."""
    return session.inscriptions.select_related("personne").order_by("updated_at", "pk")


def inscription_de(session: Session, personne) -> Inscription | None:
    """The person's own answer to the session, if any."""
    if not personne.is_authenticated:
        return None
    return Inscription.objects.filter(session=session, personne=personne).first()


def mois_de(promotion: Promotion) -> list[tuple[str, datetime.date]]:
    """The months the promotion spans, as ("AAAA-MM", first day) pairs."""
    if not promotion.date_debut or not promotion.date_fin:
        return []
    mois, jour = [], premier_du_mois(promotion.date_debut)
    while jour <= promotion.date_fin:
        mois.append((f"{jour:{FORMAT_MOIS}}", jour))
        jour = mois_suivant(jour)
    return mois


def sessions_inscrites_a_venir(personne, nombre: int) -> list[Session]:
    """The next `nombre` published sessions `personne` registered to (the waiting list is not a place), soonest
    first, with their dispositif: what their home lists."""
    return list(
        Session.objects.filter(moments_lisibles(), statut=Session.Statut.PUBLIEE, debut__gt=timezone.now(),
                               inscriptions__personne=personne, inscriptions__statut=INSCRITE)
        .select_related("dispositif").order_by("debut", "pk")[:nombre]
    )


def sessions_animees_a_venir(personne, nombre: int) -> list[Session]:
    """The next `nombre` published sessions `personne` facilitates and that are not over, soonest first, each with
    its dispositif and `nombre_inscrites`."""
    sessions = (
        Session.objects.filter(moments_lisibles(), statut=Session.Statut.PUBLIEE, fin__gt=timezone.now(),
                               facilitateurs=personne)
        .select_related("dispositif").order_by("debut", "pk")
    )
    return list(_avec_comptes(sessions)[:nombre])


def sessions_invitant_a_venir(personne, nombre: int, *, dispositif_slug: str = "") -> list[Session]:
    """The next `nombre` published sessions `personne` is invited to and does not facilitate (of one dispositif
    when given), soonest first, each with its dispositif and `ma_reponse` (the person's answer's status, or None)."""
    sessions = (
        sessions_invitant(personne).filter(statut=Session.Statut.PUBLIEE, debut__gt=timezone.now())
        .exclude(facilitateurs=personne)
        .select_related("dispositif")
        .annotate(ma_reponse=Subquery(
            Inscription.objects.filter(session=OuterRef("pk"), personne=personne).values("statut")[:1]))
        .order_by("debut", "pk")
    )
    if dispositif_slug:
        sessions = sessions.filter(dispositif__slug=dispositif_slug)
    return list(sessions[:nombre])
