"""The groupes de partage services: composition of both kinds as drafts with their sessions, topics carried over,
idempotence, moves before publishing, publication and its invitations, the next topic chosen by a group."""

import datetime
from itertools import combinations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from accompagnement.models import GroupePartage, MembreGroupe, Session
from accompagnement.services import groupes as services
from demo.groupes import demo_groupes
from programme.factories import EIGFactory
from tests.accompagnement.outils_groupes import mois_prochain, promotion_avec_eig

pytestmark = pytest.mark.django_db
PAIRS, PLURI = GroupePartage.Type.PAIRS, GroupePartage.Type.PLURI


def _composition(groupes):
    return sorted((g.type, g.numero, g.expertise_id, g.presentateur_id,
                   tuple(sorted(g.participations.values_list("personne_id", flat=True)))) for g in groupes)


def _membres(groupe):
    return set(groupe.participations.values_list("personne_id", flat=True))


def test_chaque_eig_actif_est_dans_un_groupe_de_chaque_type():
    """Every active EIG of the promotion is in exactly one group of each kind; inactive EIG and other roles
    are in none."""
    promotion, eig = promotion_avec_eig(12)
    inactive = EIGFactory(promotion=promotion, is_active=False)
    groupes = services.groupes_composer(promotion, mois_prochain())
    for type_groupe in (PAIRS, PLURI):
        membres = MembreGroupe.objects.filter(type=type_groupe).values_list("personne_id", flat=True)
        assert sorted(membres) == sorted(p.pk for p in eig)
    assert inactive.pk not in MembreGroupe.objects.values_list("personne_id", flat=True)
    assert {g.type for g in groupes} == {PAIRS, PLURI}


def test_les_groupes_entre_pairs_reunissent_un_metier_et_pas_plus_de_huit(composition_rapide):
    """Entre pairs: each group gathers one métier; a métier of 18 EIG is split in groups of at most 8."""
    promotion, _eig = promotion_avec_eig(20, metiers=["Développement"])
    promotion_avec_eig(2, metiers=["Design"], promotion=promotion)
    services.groupes_composer(promotion, mois_prochain())
    groupes = GroupePartage.objects.filter(type=PAIRS)
    for groupe in groupes:
        metiers = {m.personne.expertises.get().nom for m in groupe.participations.select_related("personne")}
        assert metiers == {groupe.expertise.nom}
        assert len(_membres(groupe)) <= 8
    assert sorted(len(_membres(g)) for g in groupes if g.expertise.nom == "Développement") == [6, 7, 7]


def test_les_groupes_pluridisciplinaires_ne_reunissent_jamais_deux_eig_du_meme_defi():
    """Pluridisciplinary groups hold 4 to 6 EIG, never two of the same défi, and each has a presenter among
    its members."""
    promotion, eig = promotion_avec_eig(24, par_defi=2)
    services.groupes_composer(promotion, mois_prochain())
    defi_de = {p.pk: p.equipes.get().defi_id for p in eig}
    for groupe in GroupePartage.objects.filter(type=PLURI):
        membres = _membres(groupe)
        assert 4 <= len(membres) <= 6
        assert all(defi_de[a] != defi_de[b] for a, b in combinations(membres, 2))
        assert groupe.presentateur_id in membres


def test_chaque_groupe_a_sa_session_en_brouillon_qui_invite_ses_membres(composition_rapide):
    """Each group gets a draft session of its dispositif, audience « liste », inviting exactly its members:
    pluridisciplinary on the 2nd Wednesday, entre pairs on the 4th, 14:30–16:00 in Paris."""
    promotion, _eig = promotion_avec_eig(10)
    services.groupes_composer(promotion, datetime.date(2027, 3, 1))
    for groupe in GroupePartage.objects.select_related("session__dispositif"):
        session = groupe.session
        assert session.statut == Session.Statut.BROUILLON
        assert session.audience == Session.Audience.LISTE
        assert set(session.invites.values_list("pk", flat=True)) == _membres(groupe)
        attendu = {PLURI: (datetime.date(2027, 3, 10), "partage-pluridisciplinaire"),
                   PAIRS: (datetime.date(2027, 3, 24), "partage-entre-pairs")}[groupe.type]
        debut, fin = timezone.localtime(session.debut), timezone.localtime(session.fin)
        assert (debut.date(), session.dispositif.slug) == attendu
        assert (debut.time(), fin.time()) == (datetime.time(14, 30), datetime.time(16, 0))
    assert groupe.publie_le is None


def test_un_mercredi_ferie_decale_la_rencontre_au_jour_ouvre_suivant():
    """The 2nd Wednesday of November 2026 is the 11th, a public holiday: the group meets on the 12th."""
    assert services.jour_de_rencontre(datetime.date(2026, 11, 1), PLURI) == datetime.date(2026, 11, 12)
    assert services.jour_de_rencontre(datetime.date(2026, 11, 1), PAIRS) == datetime.date(2026, 11, 25)


def test_le_sujet_choisi_le_mois_precedent_devient_le_sujet_du_groupe_entre_pairs(composition_rapide):
    """The topic an entre-pairs group chose at its last meeting is the topic of the same métier's group the
    month after."""
    promotion, _eig = promotion_avec_eig(8)
    mois = mois_prochain()
    services.groupes_composer(promotion, mois)
    design = GroupePartage.objects.get(type=PAIRS, expertise__nom="Design", mois=mois)
    services.sujet_suivant_choisir(design, "  L'accessibilité des formulaires  ")
    suivant = mois_prochain(mois)
    services.groupes_composer(promotion, suivant)
    nouveau = GroupePartage.objects.get(type=PAIRS, expertise__nom="Design", mois=suivant)
    assert nouveau.sujet == "L'accessibilité des formulaires"
    assert "L'accessibilité des formulaires" in nouveau.session.description
    assert GroupePartage.objects.get(type=PAIRS, expertise__nom="Développement", mois=suivant).sujet == ""


def test_un_sujet_choisi_apres_la_composition_du_mois_suivant_y_est_reporte(composition_rapide):
    """Next month's groups are composed before this month's meeting: the topic chosen at the meeting still
    reaches next month's group of the same métier."""
    promotion, _eig = promotion_avec_eig(8)
    mois, suivant = mois_prochain(), mois_prochain(mois_prochain())
    services.groupes_composer(promotion, mois)
    services.groupes_composer(promotion, suivant)
    data = GroupePartage.objects.get(type=PAIRS, expertise__nom="Data science", mois=mois)
    services.sujet_suivant_choisir(data, "Les jeux de données synthétiques")
    assert GroupePartage.objects.get(type=PAIRS, expertise__nom="Data science", mois=suivant).sujet == \
        "Les jeux de données synthétiques"


def test_un_groupe_pluridisciplinaire_ne_choisit_pas_de_sujet(composition_rapide):
    """Only entre-pairs groups choose a next topic; a pluridisciplinary group is refused."""
    promotion, _eig = promotion_avec_eig(8)
    services.groupes_composer(promotion, mois_prochain())
    with pytest.raises(ValidationError, match="entre pairs"):
        services.sujet_suivant_choisir(GroupePartage.objects.filter(type=PLURI).first(), "Un sujet")


def test_composer_deux_fois_ne_change_rien(composition_rapide):
    """Composing a month already composed returns the same groups and creates nothing more."""
    promotion, _eig = promotion_avec_eig(16)
    premiers = services.groupes_composer(promotion, mois_prochain())
    avant = (GroupePartage.objects.count(), MembreGroupe.objects.count(), Session.objects.count())
    seconds = services.groupes_composer(promotion, mois_prochain())
    assert [g.pk for g in seconds] == [g.pk for g in premiers]
    assert (GroupePartage.objects.count(), MembreGroupe.objects.count(), Session.objects.count()) == avant


def test_composer_un_mois_publie_n_y_touche_pas(composition_rapide):
    """A published month is left as it is, even when a new EIG joined the promotion since."""
    promotion, _eig = promotion_avec_eig(10)
    services.groupes_composer(promotion, mois_prochain())
    services.groupes_publier(promotion, mois_prochain())
    avant = _composition(GroupePartage.objects.all())
    EIGFactory(promotion=promotion)
    services.groupes_composer(promotion, mois_prochain())
    assert _composition(GroupePartage.objects.all()) == avant


def test_la_meme_entree_donne_les_memes_groupes():
    """The same promotion, people and history give the same groups: composing again after deleting the
    drafts rebuilds them identically."""
    promotion, _eig = promotion_avec_eig(20)
    mois = mois_prochain()
    premiere = _composition(services.groupes_composer(promotion, mois))
    for groupe in GroupePartage.objects.all():
        groupe.session.delete()
    GroupePartage.objects.all().delete()
    assert _composition(services.groupes_composer(promotion, mois)) == premiere


def test_les_presentateurs_tournent_d_un_mois_a_l_autre():
    """Someone who presented last month does not present again while others have not presented yet."""
    promotion, _eig = promotion_avec_eig(20)
    mois = mois_prochain()
    services.groupes_composer(promotion, mois)
    avant = set(GroupePartage.objects.filter(type=PLURI, mois=mois).values_list("presentateur_id", flat=True))
    suivant = mois_prochain(mois)
    services.groupes_composer(promotion, suivant)
    apres = set(GroupePartage.objects.filter(type=PLURI, mois=suivant).values_list("presentateur_id", flat=True))
    assert avant and apres and not avant & apres


def _deux_groupes(type_groupe, mois=None):
    groupes = list(GroupePartage.objects.filter(type=type_groupe, mois=mois or mois_prochain()).order_by("numero"))
    return groupes[0], groupes[1]


def test_deplacer_une_personne_change_son_groupe_et_ses_invitations(composition_rapide):
    """A coach moves a person to another group of the same kind and month: membership and both sessions'
    invitations follow."""
    promotion, _eig = promotion_avec_eig(12)
    services.groupes_composer(promotion, mois_prochain())
    depuis, vers = _deux_groupes(PLURI)
    personne = next(m.personne for m in depuis.participations.select_related("personne")
                    if m.personne_id != depuis.presentateur_id)
    services.membre_deplacer(depuis, personne, vers)
    assert personne.pk in _membres(vers) and personne.pk not in _membres(depuis)
    assert vers.session.invites.filter(pk=personne.pk).exists()
    assert not depuis.session.invites.filter(pk=personne.pk).exists()


def test_deplacer_le_presentateur_designe_un_autre_membre(composition_rapide):
    """When the presenter is moved away, another member of the group presents instead."""
    promotion, _eig = promotion_avec_eig(12)
    services.groupes_composer(promotion, mois_prochain())
    depuis, vers = _deux_groupes(PLURI)
    presentateur = depuis.presentateur
    services.membre_deplacer(depuis, presentateur, vers)
    depuis.refresh_from_db()
    assert depuis.presentateur_id in _membres(depuis)
    assert depuis.presentateur_id != presentateur.pk


def test_deplacer_vers_un_groupe_de_l_autre_type_est_refuse(composition_rapide):
    """Moving a person from their pluridisciplinary group into an entre-pairs group is refused: a move stays
    within one kind and one month, and nothing changes."""
    promotion, _eig = promotion_avec_eig(12)
    services.groupes_composer(promotion, mois_prochain())
    pluri = GroupePartage.objects.filter(type=PLURI).first()
    personne = pluri.participations.first().personne
    pairs = GroupePartage.objects.filter(type=PAIRS).exclude(participations__personne=personne).first()
    with pytest.raises(ValidationError, match="même type et du même mois"):
        services.membre_deplacer(pluri, personne, pairs)
    assert personne.pk in _membres(pluri) and personne.pk not in _membres(pairs)


def test_deplacer_apres_publication_est_refuse(composition_rapide):
    """Once the month is published, a move is refused with a clear message and nothing changes."""
    promotion, _eig = promotion_avec_eig(12)
    services.groupes_composer(promotion, mois_prochain())
    services.groupes_publier(promotion, mois_prochain())
    depuis, vers = _deux_groupes(PAIRS)
    personne = depuis.participations.first().personne
    with pytest.raises(ValidationError, match="sont publiés"):
        services.membre_deplacer(depuis, personne, vers)
    assert personne.pk in _membres(depuis)


def test_publier_invite_chaque_membre_par_courriel(composition_rapide, django_capture_on_commit_callbacks):
    """Publishing publishes the sessions and e-mails each member once per group: subject with kind, month and
    day, a link to the session, the other members, and « vous présentez » for the presenter."""
    promotion, eig = promotion_avec_eig(10)
    mois = datetime.date(2027, 3, 1)
    services.groupes_composer(promotion, mois)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.groupes_publier(promotion, mois) == GroupePartage.objects.count()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([p.email for p in eig] * 2)
    assert all(g.session.statut == Session.Statut.PUBLIEE and g.publie_le for g in GroupePartage.objects.all())
    pluri = GroupePartage.objects.filter(type=PLURI).first()
    au_presentateur = next(m for m in mail.outbox if m.to == [pluri.presentateur.email] and "pluri" in m.subject)
    assert au_presentateur.subject == ("[Magellan] Groupe de partage pluridisciplinaire de mars 2027 : "
                                       "mercredi 10 mars")
    assert f"http://testserver/sessions/{pluri.session.pk}/" in au_presentateur.body
    assert "Vous présentez ce mois-ci" in au_presentateur.body
    autre = pluri.participations.exclude(personne=pluri.presentateur).first().personne
    assert autre.nom_complet in au_presentateur.body


def test_publier_deux_fois_n_envoie_rien_deux_fois(composition_rapide, django_capture_on_commit_callbacks):
    """Publishing a month again publishes nothing and sends no e-mail."""
    promotion, eig = promotion_avec_eig(8)
    services.groupes_composer(promotion, mois_prochain())
    with django_capture_on_commit_callbacks(execute=True):
        services.groupes_publier(promotion, mois_prochain())
    envoyes = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.groupes_publier(promotion, mois_prochain()) == 0
    assert envoyes == 2 * len(eig) and len(mail.outbox) == envoyes


def test_la_demo_publie_les_groupes_du_mois_et_du_mois_suivant(composition_rapide, django_capture_on_commit_callbacks):
    """The demo composes and publishes this month's and next month's groups, next month's entre-pairs topics
    carried over from this month's choices."""
    promotion, _eig = promotion_avec_eig(10)
    with django_capture_on_commit_callbacks(execute=True):
        demo_groupes(promotion)
    courant = timezone.localdate().replace(day=1)
    assert set(GroupePartage.objects.values_list("mois", flat=True)) == {courant, mois_prochain()}
    assert not GroupePartage.objects.filter(publie_le__isnull=True).exists()
    assert all(g.sujet for g in GroupePartage.objects.filter(type=PAIRS, mois=mois_prochain()))


def test_publier_le_calendrier_laisse_les_groupes_en_brouillon(composition_rapide):
    """The coaches publish the planned calendar: the groups' draft sessions stay drafts until the groups are
    published (which invites their members), so nobody is invited to a group without its e-mail."""
    from accompagnement.services.sessions import calendrier_publier

    promotion, _eig = promotion_avec_eig(12)
    services.groupes_composer(promotion, mois_prochain())
    calendrier_publier(promotion)
    sessions = Session.objects.filter(groupe_partage__promotion=promotion)
    assert sessions.exists() and set(sessions.values_list("statut", flat=True)) == {Session.Statut.BROUILLON}


def _paires_du_mois(promotion, mois):
    return {tuple(sorted(paire)) for groupe in GroupePartage.objects.filter(promotion=promotion, mois=mois, type=PLURI)
            for paire in combinations(_membres(groupe), 2)}


def test_un_eig_parti_entre_deux_mois_n_est_plus_dans_les_groupes_du_mois_suivant(composition_rapide):
    """An EIG who leaves (inactive) after a month was composed is in none of the next month's groups; everyone
    else is in one group of each kind, still never two of a défi together."""
    promotion, eig = promotion_avec_eig(20, par_defi=2)
    mois = datetime.date(2027, 2, 1)
    services.groupes_composer(promotion, mois)
    parti = eig[3]
    parti.is_active = False
    parti.save(update_fields=["is_active"])
    suivant = datetime.date(2027, 3, 1)
    services.groupes_composer(promotion, suivant)
    defi_de = {p.pk: p.equipes.get().defi_id for p in eig}
    for type_groupe in (PAIRS, PLURI):
        membres = MembreGroupe.objects.filter(mois=suivant, type=type_groupe).values_list("personne_id", flat=True)
        assert sorted(membres) == sorted(p.pk for p in eig if p != parti)
    for groupe in GroupePartage.objects.filter(mois=suivant, type=PLURI):
        assert 4 <= len(_membres(groupe)) <= 6
        assert all(defi_de[a] != defi_de[b] for a, b in combinations(_membres(groupe), 2))


def test_apres_un_deplacement_le_mois_suivant_evite_les_paires_qu_il_a_creees():
    """A coach moves someone into the group of the person they were to meet the month after: next month's
    groups are planned again from the groups actually held, so those two are not put together again (30 EIG in
    six groups of 5 can go three months without any pair meeting twice)."""
    promotion, _eig = promotion_avec_eig(30, par_defi=1, date_debut=datetime.date(2027, 2, 1),
                                         date_fin=datetime.date(2027, 4, 30))
    mois, suivant = datetime.date(2027, 2, 1), datetime.date(2027, 3, 1)
    services.groupes_composer(promotion, mois)
    services.groupes_composer(promotion, suivant)
    personne, rencontre = sorted(_paires_du_mois(promotion, suivant) - _paires_du_mois(promotion, mois))[0]
    for groupe in GroupePartage.objects.filter(mois=suivant):
        groupe.session.delete()
    GroupePartage.objects.filter(mois=suivant).delete()
    depuis = GroupePartage.objects.get(mois=mois, type=PLURI, participations__personne_id=personne)
    vers = GroupePartage.objects.get(mois=mois, type=PLURI, participations__personne_id=rencontre)
    services.membre_deplacer(depuis, depuis.participations.get(personne_id=personne).personne, vers)
    services.groupes_composer(promotion, suivant)
    assert (personne, rencontre) not in _paires_du_mois(promotion, suivant)


def test_les_invitations_d_avril_sont_en_bon_francais(composition_rapide, django_capture_on_commit_callbacks):
    """A month starting with a vowel is elided (« d'avril 2027 ») and the group is named in full, in the
    subject and in both bodies of the invitation."""
    promotion, _eig = promotion_avec_eig(8)
    mois = datetime.date(2027, 4, 1)
    services.groupes_composer(promotion, mois)
    with django_capture_on_commit_callbacks(execute=True):
        services.groupes_publier(promotion, mois)
    pairs = next(m for m in mail.outbox if "entre pairs" in m.subject)
    assert pairs.subject.startswith("[Magellan] Groupe de partage entre pairs d'avril 2027 : mercredi ")
    html = pairs.alternatives[0][0]
    for corps in (pairs.body, html.replace("&#x27;", "'")):
        assert "Vous faites partie du groupe de partage entre pairs n° " in corps
        assert "d'avril 2027." in corps and "de avril" not in corps
