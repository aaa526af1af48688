"""Writes of the groupes de partage: each month the promotion's EIG are composed into groups entre pairs (one per
métier) and pluridisciplinaires (small mixed groups, presenters in turn), as drafts with their sessions; the
coaches move people if needed, then publish, which invites every member by e-mail. Members of an entre-pairs
group choose the next meeting's topic.

Everything is idempotent: composing or publishing a month twice changes nothing the second time, and each
e-mail carries a unique key, so a task run twice never sends anything twice.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from programme.dates import de_mois, mois_en_clair, mois_precedent, mois_suivant, premier_du_mois
from programme.models import Promotion
from programme.notifications import Envoi, lien_absolu, notifier_plusieurs
from programme.selectors import coachs_de

from ..groupes_algo import composer_pluri, groupes_entre_pairs
from ..models import Dispositif, GroupePartage, MembreGroupe, Session
from ..selectors import groupes as selectors
from .planificateur import jour_ouvre_a_partir
from .sessions import session_modifier, sessions_creer, sessions_publier

PAIRS, PLURI = GroupePartage.Type.PAIRS, GroupePartage.Type.PLURI
DISPOSITIFS = {PAIRS: "partage-entre-pairs", PLURI: "partage-pluridisciplinaire"}
# Pluridisciplinary groups meet on the 2nd Wednesday of the month, entre pairs on the 4th, 14:30–16:00 in Paris.
MERCREDI = 2
RANG_DU_MERCREDI = {PLURI: 2, PAIRS: 4}
HORAIRE = (datetime.time(14, 30), datetime.time(16, 0))
LIBELLES = {PAIRS: "Groupe de partage entre pairs", PLURI: "Groupe de partage pluridisciplinaire"}
LIEU = "DINUM, 20 avenue de Ségur, Paris 7e (ou en visioconférence)"
TAILLE_MAX_ENTRE_PAIRS = 8


def jour_de_rencontre(mois: datetime.date, type_groupe: str) -> datetime.date:
    """The day a kind of group meets in `mois`: its Wednesday of the month, or the next working day."""
    premier = premier_du_mois(mois)
    mercredi = premier + datetime.timedelta(days=(MERCREDI - premier.weekday()) % 7)
    return jour_ouvre_a_partir(mercredi + datetime.timedelta(weeks=RANG_DU_MERCREDI[type_groupe] - 1))


def _horaire(mois, type_groupe):
    jour = jour_de_rencontre(mois, type_groupe)
    return tuple(timezone.make_aware(datetime.datetime.combine(jour, heure)) for heure in HORAIRE)


def _titre(groupe: GroupePartage) -> str:
    mois = mois_en_clair(groupe.mois)
    if groupe.type == PAIRS:
        metier = groupe.expertise.nom if groupe.expertise else "sans métier renseigné"
        return f"Groupe de partage entre pairs – {metier} – {mois} (groupe {groupe.numero})"
    return f"Groupe de partage pluridisciplinaire n° {groupe.numero} – {mois}"


def _description(groupe: GroupePartage, personnes: dict) -> str:
    if groupe.type == PAIRS:
        return f"Sujet : {groupe.sujet}" if groupe.sujet else "Sujet à choisir ensemble en début de rencontre."
    presentateur = personnes.get(groupe.presentateur_id)
    return f"Présente ce mois-ci : {presentateur.nom_complet}." if presentateur else ""


@transaction.atomic
def groupes_composer(promotion: Promotion, mois: datetime.date) -> list[GroupePartage]:
    """Compose the month's groups of both kinds as drafts, each with its draft session inviting its members.

    Participants are the promotion's active EIG, with their défi and métier. Entre pairs: one group per métier
    (split beyond 8), its topic carried over from the same métier's group of the month before. Pluridisciplinary:
    groups of `promotion.groupes_taille` from the months already composed and who already presented.
    A kind already composed for the month (draft or published) is left as it is: composing twice changes
    nothing. Returns the month's groups.
    """
    promotion = Promotion.objects.select_for_update().get(pk=promotion.pk)
    mois = premier_du_mois(mois)
    deja = set(selectors.groupes_du_mois(promotion, mois).values_list("type", flat=True))
    personnes = {p.pk: p for p in selectors.eig_participants(promotion)}
    participants = selectors.participants_algo(list(personnes.values()))
    if participants and PAIRS not in deja:
        _composer_entre_pairs(promotion, mois, participants, personnes)
    if participants and PLURI not in deja:
        _composer_pluri(promotion, mois, participants, personnes)
    return list(selectors.groupes_du_mois(promotion, mois))


def _composer_entre_pairs(promotion, mois, participants, personnes):
    precedents = selectors.groupe_precedent_entre_pairs(promotion, mois)
    rangs: dict[int | None, int] = {}
    groupes = []
    for numero, (metier, ids) in enumerate(groupes_entre_pairs(participants, taille_max=TAILLE_MAX_ENTRE_PAIRS),
                                           start=1):
        rang = rangs.get(metier, 0)
        rangs[metier] = rang + 1
        precedent = precedents.get((metier, rang))
        groupe = GroupePartage(promotion=promotion, mois=mois, type=PAIRS, numero=numero,
                               expertise=personnes[ids[0]].metier, sujet=precedent.sujet_suivant if precedent else "")
        groupes.append((groupe, ids))
    _enregistrer(promotion, mois, groupes, personnes)


def _composer_pluri(promotion, mois, participants, personnes):
    composition = composer_pluri(
        participants, selectors.historique_pluri(promotion, mois), selectors.presentations_passees(promotion, mois),
        nb_mois=selectors.nombre_de_mois(promotion), taille=promotion.groupes_taille, graine=promotion.pk,
        iterations=settings.GROUPES_ITERATIONS,
    )
    groupes = [
        (GroupePartage(promotion=promotion, mois=mois, type=PLURI, numero=numero, presentateur_id=presentateur), ids)
        for numero, (ids, presentateur) in enumerate(zip(composition.groupes, composition.presentateurs), start=1)
    ]
    _enregistrer(promotion, mois, groupes, personnes)


def _enregistrer(promotion, mois, groupes, personnes):
    """Save the groups, their members and one draft session each, inviting the members, in bulk: the number of
    queries does not grow with the number of groups."""
    dispositifs = {d.slug: d for d in Dispositif.objects.filter(slug__in=DISPOSITIFS.values())}
    sessions = []
    for groupe, ids in groupes:
        debut, fin = _horaire(mois, groupe.type)
        sessions.append({
            "dispositif": dispositifs[DISPOSITIFS[groupe.type]], "titre": _titre(groupe)[:200],
            "description": _description(groupe, personnes), "debut": debut, "fin": fin, "lieu": LIEU,
            "audience": Session.Audience.LISTE, "invites": ids,
        })
    for (groupe, _), session in zip(groupes, sessions_creer(promotion=promotion, sessions=sessions), strict=True):
        groupe.session = session
    GroupePartage.objects.bulk_create([groupe for groupe, _ in groupes])
    MembreGroupe.objects.bulk_create([
        MembreGroupe(groupe=groupe, personne_id=pk, promotion=promotion, mois=mois, type=groupe.type)
        for groupe, ids in groupes for pk in ids
    ])


def _refuser_si_publie(groupe: GroupePartage):
    if groupe.publie_le is not None:
        raise ValidationError(f"Les groupes {de_mois(groupe.mois)} sont publiés : les invitations "
                              "sont parties, plus personne ne peut changer de groupe.")


@transaction.atomic
def membre_deplacer(depuis: GroupePartage, personne, vers: GroupePartage) -> GroupePartage:
    """Move a person from their group `depuis` to `vers`, of the same kind and month, before publishing.

    The sessions' invitations follow; when the person was the group's presenter, the member who has presented
    least so far presents instead. Returns the group left.
    """
    depuis, vers = (GroupePartage.objects.select_for_update().get(pk=groupe.pk) for groupe in (depuis, vers))
    if (depuis.promotion_id, depuis.mois, depuis.type) != (vers.promotion_id, vers.mois, vers.type):
        raise ValidationError("Une personne ne change de groupe que pour un groupe du même type et du même mois : "
                              f"{vers} n'est pas un groupe {depuis.get_type_display().lower()} "
                              f"{de_mois(depuis.mois)}.")
    _refuser_si_publie(depuis)
    _refuser_si_publie(vers)
    membre = MembreGroupe.objects.select_for_update().filter(groupe=depuis, personne=personne).first()
    if membre is None:
        raise ValidationError(f"{personne.nom_complet} ne fait pas partie du groupe {depuis}.")
    if depuis.pk == vers.pk:
        raise ValidationError(f"{personne.nom_complet} est déjà dans ce groupe.")
    restants = list(depuis.participations.exclude(personne=personne).values_list("personne_id", flat=True))
    if not restants:
        raise ValidationError(f"{personne.nom_complet} est seule ou seul dans son groupe : le groupe ne peut pas "
                              "rester vide.")
    membre.groupe = vers
    membre.save(update_fields=["groupe"])
    if depuis.presentateur_id == personne.pk:
        deja = selectors.presentations_passees(depuis.promotion, depuis.mois)
        depuis.presentateur_id = min(restants, key=lambda pk: (deja.get(pk, 0), pk))
        depuis.save(update_fields=["presentateur"])
    for groupe in (depuis, vers):
        if groupe.session_id:
            _session_suivre(groupe)
    return depuis


def _session_suivre(groupe: GroupePartage):
    """The group's session invites its members and says its topic or presenter."""
    membres = list(groupe.participations.select_related("personne"))
    personnes = {m.personne_id: m.personne for m in membres}
    session_modifier(groupe.session, invites=list(personnes), description=_description(groupe, personnes))


@transaction.atomic
def groupes_publier(promotion: Promotion, mois: datetime.date) -> int:
    """Publish the month's draft groups: their sessions are published and each member is invited by e-mail.
    Groups already published are left alone, so publishing twice sends nothing twice; returns how many
    groups were published now."""
    mois = premier_du_mois(mois)
    groupes = list(GroupePartage.objects.select_for_update(of=("self",)).select_related("session")
                   .filter(promotion=promotion, mois=mois, publie_le__isnull=True).order_by("type", "numero"))
    if not groupes:
        return 0
    maintenant = timezone.now()
    sessions_publier([groupe.session_id for groupe in groupes if groupe.session_id])
    for groupe in groupes:
        groupe.publie_le = maintenant
    GroupePartage.objects.bulk_update(groupes, ["publie_le"])
    envois = []
    for groupe in selectors.groupes_avec_membres([g.pk for g in groupes]):
        envois += [_invitation(groupe, personne) for personne in groupe.membres_liste]
    notifier_plusieurs(envois)
    return len(groupes)


def _invitation(groupe: GroupePartage, personne) -> Envoi:
    session = groupe.session
    quand = date_format(timezone.localtime(session.debut), "l j F") if session else ""
    return Envoi(
        personne=personne, cle=f"groupe:{groupe.pk}:invitation:{personne.pk}",
        gabarit="accompagnement/emails/groupe_invitation",
        sujet=f"{LIBELLES[groupe.type]} {de_mois(groupe.mois)} : {quand}",
        contexte={"groupe": groupe, "session": session, "presente": groupe.presentateur_id == personne.pk,
                  "libelle": LIBELLES[groupe.type],
                  "autres": [p for p in groupe.membres_liste if p.pk != personne.pk]},
        lien=lien_absolu(reverse("session", kwargs={"pk": session.pk}) if session else reverse("mes_groupes")),
    )


@transaction.atomic
def sujet_suivant_choisir(groupe: GroupePartage, sujet: str) -> GroupePartage:
    """Record the topic an entre-pairs group chose for its next meeting; when next month's group of the same
    métier is already composed, it becomes that group's topic."""
    if groupe.type != PAIRS:
        raise ValidationError("Seuls les groupes entre pairs choisissent le sujet de leur prochaine rencontre.")
    groupe.sujet_suivant = (sujet or "").strip()
    groupe.save(update_fields=["sujet_suivant"])
    suivant = selectors.groupe_correspondant_du_mois_suivant(groupe)
    if suivant is not None:
        suivant.sujet = groupe.sujet_suivant
        suivant.save(update_fields=["sujet"])
        if suivant.session_id:
            session_modifier(suivant.session, description=_description(suivant, {}))
    return groupe


def groupes_preparer(maintenant: datetime.datetime | None = None) -> dict[str, int]:
    """The daily preparation of next month's groups, for each promotion running then.

    From the 15th: compose the drafts if missing and tell the coaches, once, that they are ready to review.
    From the 22nd: publish the drafts the coaches have not published. Returns counts of what was done.
    """
    jour = timezone.localtime(maintenant or timezone.now()).date()
    bilan = {"composes": 0, "publies": 0}
    if jour.day < 15:
        return bilan
    prochain = mois_suivant(jour)
    for promotion in selectors.promotions_concernees(jour):
        with transaction.atomic():
            if not selectors.groupes_du_mois(promotion, prochain).exists():
                groupes_composer(promotion, prochain)
                bilan["composes"] += 1
            if jour.day >= 22:
                bilan["publies"] += groupes_publier(promotion, prochain)
            else:
                _coachs_prevenir(promotion, prochain)
    return bilan


def _coachs_prevenir(promotion: Promotion, mois: datetime.date):
    """Tell the coaches, once per promotion and month, that the drafts wait for their review."""
    groupes = selectors.groupes_du_mois(promotion, mois)
    a_revoir = groupes.filter(publie_le__isnull=True).count()
    if not a_revoir:
        return
    lien = lien_absolu(f"{reverse('groupes_apercu')}?promotion={promotion.pk}&mois={mois:%Y-%m}")
    notifier_plusieurs([
        Envoi(personne=coach, cle=f"groupes:{promotion.pk}:{mois:%Y-%m}:a-revoir:{coach.pk}",
              gabarit="accompagnement/emails/groupe_a_revoir",
              sujet=f"Groupes de partage {de_mois(mois)} à relire ({promotion})",
              contexte={"promotion": promotion, "mois": mois, "nombre": a_revoir,
                        "publication": mois_precedent(mois).replace(day=22)},
              lien=lien)
        for coach in coachs_de(promotion)
    ])
