"""Pages of the groupes de partage: the coaches' preview (groups, warnings, compose, move, publish) and an EIG's
« Mes groupes de partage » with the next topic of their entre-pairs group."""

import datetime

import pytest
from django.core import mail
from django.utils.html import escape

from accompagnement.models import GroupePartage, MembreGroupe
from accompagnement.views.groupes import GROUPES_PAR_PAGE
from programme.factories import CoachFactory, EIGFactory
from tests.accompagnement.outils_groupes import groupes_construits, mois_prochain, promotion_avec_eig

pytestmark = pytest.mark.django_db
PAIRS, PLURI = GroupePartage.Type.PAIRS, GroupePartage.Type.PLURI
MOIS = datetime.date(2027, 2, 1)


@pytest.fixture
def monde():
    """A promotion of 10 EIG (two per défi) with February 2027's groups as drafts, and a coach."""
    promotion, eig = promotion_avec_eig(10)
    groupes = groupes_construits(promotion, eig, MOIS)
    return {"promotion": promotion, "eig": eig, "groupes": groupes, "coach": CoachFactory(promotion=promotion)}


def _apercu(monde, mois=MOIS):
    return f"/coachs/groupes/?promotion={monde['promotion'].pk}&mois={mois:%Y-%m}"


def _action(nom, monde, mois=MOIS):
    return f"/coachs/groupes/{nom}/?promotion={monde['promotion'].pk}&mois={mois:%Y-%m}"


def test_l_apercu_montre_les_groupes_membres_defi_metier_et_presentateur(client, monde):
    """The preview lists each group of the month with its members, their défi and métier, and the presenter."""
    client.force_login(monde["coach"])
    page = client.get(_apercu(monde)).content.decode()
    premier = monde["eig"][0]
    assert "Pluridisciplinaire n° 1" in page and "Entre pairs n° 3 — Développement" in page
    assert escape(premier.nom_complet) in page and escape(premier.equipes.get().defi.titre) in page
    assert "Présente ce mois-ci :</strong> " + escape(premier.nom_complet) in page
    assert "Publier les groupes de février 2027" in page
    membre = MembreGroupe.objects.select_related("groupe").get(personne=premier, type=PLURI)
    assert (f'<option value="{membre.pk}">{escape(premier.nom_complet)} (Pluridisciplinaire '
            f'{membre.groupe.numero} · 02/2027)</option>') in page


def test_l_apercu_signale_deux_eig_du_meme_defi_et_les_paires_qui_se_sont_deja_vues(client, monde):
    """Two EIG of the same défi in a group, and two EIG who met in a previous month's pluridisciplinary
    group, are pointed out to the coaches."""
    eig = monde["eig"]
    # eig[0] and eig[1] share a défi and are in pluridisciplinary group 1; eig[2] and eig[3] met in January.
    janvier = GroupePartage.objects.create(promotion=monde["promotion"], mois=datetime.date(2027, 1, 1), type=PLURI,
                                           numero=1, publie_le=None)
    for personne in eig[2:4]:
        MembreGroupe.objects.create(groupe=janvier, personne=personne, promotion=monde["promotion"],
                                    mois=janvier.mois, type=PLURI)
    client.force_login(monde["coach"])
    page = client.get(_apercu(monde)).content.decode()
    equipe = sorted(eig[0:2], key=lambda p: (p.nom_usage, p.prenom))
    assert escape(f"Même défi : {equipe[0].nom_complet} et {equipe[1].nom_complet}.") in page
    deja = sorted(eig[2:4], key=lambda p: p.pk)
    assert escape(f"Se sont déjà rencontrés : {deja[0].nom_complet} et {deja[1].nom_complet}.") in page


def test_un_coach_compose_les_groupes_du_mois_suivant(client, composition_rapide):
    """The compose button creates next month's drafts and leads back to their preview."""
    promotion, eig = promotion_avec_eig(8)
    client.force_login(CoachFactory(promotion=promotion))
    mois = mois_prochain()
    reponse = client.post(f"/coachs/groupes/composer/?promotion={promotion.pk}&mois={mois:%Y-%m}", follow=True)
    assert GroupePartage.objects.filter(promotion=promotion, mois=mois, type=PLURI).exists()
    assert "sont composés en brouillon" in reponse.content.decode()
    assert escape(eig[0].nom_complet) in reponse.content.decode()


def test_un_coach_deplace_une_personne_avant_publication(client, monde):
    """Moving a person from the preview puts them in the chosen group and says so."""
    depuis, vers = monde["groupes"][0], monde["groupes"][1]
    membre = MembreGroupe.objects.get(groupe=depuis, personne=monde["eig"][1])
    client.force_login(monde["coach"])
    reponse = client.post(_action("deplacer", monde), {"membre": membre.pk, "groupe": vers.pk}, follow=True)
    assert MembreGroupe.objects.get(pk=membre.pk).groupe == vers
    assert escape(f"{monde['eig'][1].nom_complet} est désormais dans le groupe") in reponse.content.decode()


def test_un_deplacement_vers_l_autre_type_est_refuse_avec_un_message(client, monde):
    """Choosing a group of the other kind is refused with a French message, and nothing moves."""
    depuis = monde["groupes"][0]
    pairs = next(g for g in monde["groupes"] if g.type == PAIRS)
    membre = MembreGroupe.objects.get(groupe=depuis, personne=monde["eig"][1])
    client.force_login(monde["coach"])
    reponse = client.post(_action("deplacer", monde), {"membre": membre.pk, "groupe": pairs.pk}, follow=True)
    assert MembreGroupe.objects.get(pk=membre.pk).groupe == depuis
    assert escape("ne change de groupe que pour un groupe du même type et du même mois") in reponse.content.decode()


def test_publier_depuis_l_apercu_invite_les_membres_puis_refuse_les_deplacements(
        client, monde, django_capture_on_commit_callbacks):
    """Publishing e-mails every member; afterwards the preview offers no move and a move is refused."""
    client.force_login(monde["coach"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_action("publier", monde))
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in monde["eig"] * 2)
    page = client.get(_apercu(monde)).content.decode()
    assert "Publiés : les invitations sont parties" in page and "Déplacer une personne" not in page
    membre = MembreGroupe.objects.get(groupe=monde["groupes"][0], personne=monde["eig"][1])
    reponse = client.post(_action("deplacer", monde), {"membre": membre.pk, "groupe": monde["groupes"][1].pk},
                          follow=True)
    assert "sont publiés : les invitations sont parties" in reponse.content.decode()
    assert MembreGroupe.objects.get(pk=membre.pk).groupe == monde["groupes"][0]


def test_l_eig_voit_ses_groupes_publies_et_pas_ceux_des_autres(client):
    """« Mes groupes de partage » shows the EIG's published groups (members, topic, presenter), never a draft,
    nor a group they are not in."""
    promotion, eig = promotion_avec_eig(10)
    groupes_construits(promotion, eig, datetime.date(2027, 1, 1), publies=True)
    groupes_construits(promotion, eig, MOIS)
    client.force_login(eig[0])
    page = client.get("/groupes/").content.decode()
    assert "Janvier 2027" in page and "Février 2027" not in page
    assert escape(eig[4].nom_complet) in page and escape(eig[5].nom_complet) not in page
    assert "Présente ce mois-ci :</strong> " + escape(eig[0].nom_complet) in page


def test_mes_groupes_montre_d_abord_le_mois_en_cours_puis_le_suivant_puis_les_passes(client):
    """« Mes groupes de partage » opens on this month's groups; next month's follow, then the past months."""
    from django.utils.formats import date_format

    from programme.dates import mois_precedent, premier_du_mois

    promotion, eig = promotion_avec_eig(10)
    ce_mois = premier_du_mois()
    mois = [mois_precedent(ce_mois), ce_mois, mois_prochain(ce_mois)]
    for un_mois in mois:
        groupes_construits(promotion, eig, un_mois, publies=True)
    client.force_login(eig[0])
    page = client.get("/groupes/").content.decode()
    titres = [date_format(un_mois, "F Y").capitalize() for un_mois in mois]
    positions = [page.index(f"<h2>{titre}</h2>") for titre in titres]
    assert positions[1] < positions[2] < positions[0]


def test_un_membre_choisit_le_sujet_de_la_prochaine_rencontre(client):
    """A member of an entre-pairs group records the next topic from their page; it is shown afterwards."""
    promotion, eig = promotion_avec_eig(10)
    groupes = groupes_construits(promotion, eig, datetime.date(2027, 1, 1), publies=True)
    pairs = next(g for g in groupes if g.type == PAIRS and g.participations.filter(personne=eig[0]).exists())
    client.force_login(eig[0])
    reponse = client.post(f"/groupes/{pairs.pk}/sujet-suivant/",
                          {f"groupe-{pairs.pk}-sujet_suivant": "Les API de l'État"}, follow=True)
    pairs.refresh_from_db()
    assert pairs.sujet_suivant == "Les API de l'État"
    assert "Le sujet de la prochaine rencontre est enregistré." in reponse.content.decode()


@pytest.mark.parametrize("publies", [False, True])
@pytest.mark.parametrize("nombre", [30, 60])
def test_l_apercu_fait_autant_de_requetes_avec_30_ou_60_eig(client, django_assert_max_num_queries, nombre, publies):
    """The preview's number of queries does not grow with the number of EIG and groups, and drafts (with the form
    to move someone, whose choices are the groups' members already read) cost no more than published groups."""
    promotion, eig = promotion_avec_eig(nombre)
    groupes_construits(promotion, eig, MOIS, publies=publies)
    coach = CoachFactory(promotion=promotion)
    client.force_login(coach)
    with django_assert_max_num_queries(10):
        reponse = client.get(f"/coachs/groupes/?promotion={promotion.pk}&mois={MOIS:%Y-%m}")
    lignes = reponse.context["page_obj"].object_list
    assert len(lignes) == GROUPES_PAR_PAGE
    assert all(escape(personne.nom_complet) in reponse.content.decode() for personne in lignes[-1].groupe.membres_liste)
    assert ("Déplacer une personne" in reponse.content.decode()) is not publies


@pytest.mark.parametrize("nombre", [30, 60])
def test_mes_groupes_fait_autant_de_requetes_quel_que_soit_le_nombre_de_groupes(
        client, django_assert_max_num_queries, nombre):
    """An EIG's page of groups costs the same number of queries whatever the promotion's size (one of them reads
    the défis they belong to, which the menu's bureau d'aide entry asks)."""
    promotion, eig = promotion_avec_eig(nombre)
    groupes_construits(promotion, eig, MOIS, publies=True)
    client.force_login(eig[0])
    with django_assert_max_num_queries(6):
        assert client.get("/groupes/").status_code == 200


def test_un_eig_sans_groupe_est_prevenu(client):
    """An EIG not yet in any published group is told when groups are published."""
    eig = EIGFactory()
    client.force_login(eig)
    assert "publiés vers le 22 de chaque mois" in client.get("/groupes/").content.decode()


def test_un_mois_qui_commence_par_une_voyelle_est_elide(client, monde):
    """The preview of an April not yet composed says « d'avril 2027 », never « de avril »."""
    client.force_login(monde["coach"])
    page = client.get(_apercu(monde, datetime.date(2027, 4, 1))).content.decode().replace("&#x27;", "'")
    assert "Les groupes d'avril 2027 ne sont pas encore composés." in page
    assert "Composer les groupes d'avril 2027" in page and "de avril" not in page
