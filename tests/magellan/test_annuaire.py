"""L'annuaire de la communauté: who may read it, its search, each card's ways to reach a person, and the choices of
what each person shows (nothing more than they chose)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accompagnement.factories import CreneauFactory
from defis.factories import DefiFactory, MembreEquipeFactory
from defis.models import MembreEquipe
from magellan.annuaire import PAR_PAGE
from programme.donnees_personnelles import donnees_de
from programme.factories import CoachFactory, PersonneFactory, PromotionFactory, RoleFactory
from programme.models import Administration, Domaine, Expertise, Role

pytestmark = pytest.mark.django_db


def parrain_creer(prenom, domaines=(), **champs):
    parrain = PersonneFactory(prenom=prenom, nom_usage="Parrain", **champs)
    RoleFactory(personne=parrain, promotion=None, type=Role.Type.PARRAIN)
    parrain.domaines.set(Domaine.objects.filter(nom__in=domaines))
    return parrain


def eig_creer(prenom, promotion, *, metier=None, defi=None, **champs):
    eig = PersonneFactory(prenom=prenom, nom_usage="Talent", **champs)
    RoleFactory(personne=eig, promotion=promotion, type=Role.Type.EIG)
    if metier:
        eig.expertises.add(Expertise.objects.get_or_create(nom=metier)[0])
    if defi:
        MembreEquipeFactory(defi=defi, personne=eig, role=MembreEquipe.Role.EIG)
    return eig


@pytest.fixture
def communaute():
    """A promotion with an EIG designer on a défi of a ministry, an earlier promotion's alumni, two parrains (one
    in accessibility offering mentorat slots, one in open data) and a porteuse, who is not in the annuaire."""
    promotion, ancienne = PromotionFactory(nom="Promotion 9"), PromotionFactory(nom="Promotion 4")
    defi = DefiFactory(titre="Hospi'Flux", promotion=promotion, visible=True,
                       administration=Administration.objects.create(nom="Ministère de la Santé"))
    eig = eig_creer("Inès", promotion, metier="Design", defi=defi)
    alumni = PersonneFactory(prenom="Omar", nom_usage="Ancien")
    RoleFactory(personne=alumni, promotion=ancienne, type=Role.Type.EIG)
    RoleFactory(personne=alumni, promotion=None, type=Role.Type.ALUMNI)
    accessible = parrain_creer("Aline", ["Accessibilité"])
    CreneauFactory(type="mentorat", mentor=accessible)
    ouvert = parrain_creer("Bruno", ["Données ouvertes"])
    porteuse = PersonneFactory(prenom="Paula", nom_usage="Porteuse")
    RoleFactory(personne=porteuse, promotion=promotion, type=Role.Type.PORTEUR)
    return {"promotion": promotion, "ancienne": ancienne, "defi": defi, "eig": eig, "alumni": alumni,
            "accessible": accessible, "ouvert": ouvert, "porteuse": porteuse}


def noms(reponse) -> list[str]:
    return [fiche.personne.nom_complet for fiche in reponse.context["fiches"]]


def test_l_annuaire_est_reserve_aux_membres_connectes(client, communaute):
    """An anonymous visitor is sent to log in; a signed-in person without any role is refused; members read it."""
    assert client.get("/annuaire/").status_code == 302
    client.force_login(PersonneFactory())
    assert client.get("/annuaire/").status_code == 403
    client.force_login(communaute["porteuse"])
    assert client.get("/annuaire/").status_code == 200


def test_l_annuaire_montre_les_eig_les_alumni_et_les_parrains_avec_leur_defi_et_leurs_domaines(client, communaute):
    """Every EIG, alumni and parrain is listed (not the porteuse); an EIG's card says their métier, défi and
    administration, a parrain's card their domains under the deck's family."""
    client.force_login(communaute["eig"])
    reponse = client.get("/annuaire/")
    page = reponse.content.decode()

    assert noms(reponse) == ["Omar Ancien", "Aline Parrain", "Bruno Parrain", "Inès Talent"]
    assert "Hospi&#x27;Flux" in page and "Ministère de la Santé" in page and "Design" in page
    assert "Intérêt général" in page and "Accessibilité" in page
    assert "Innovation ouverte" in page and "Données ouvertes" in page


@pytest.mark.parametrize(("recherche", "attendus"), [
    ("nom=aline", ["Aline Parrain"]),
    ("nom=talent+in", ["Inès Talent"]),
    ("nom=ines", ["Inès Talent"]),
    ("nom=INÈS", ["Inès Talent"]),
    ("nom=alîne", ["Aline Parrain"]),
    ("nom=a.ine", []),
    ("profil=parrain", ["Aline Parrain", "Bruno Parrain"]),
    ("profil=alumni", ["Omar Ancien"]),
    ("metier=DESIGN", ["Inès Talent"]),
    ("domaine=DONNEES", ["Bruno Parrain"]),
    ("promotion=ANCIENNE", ["Omar Ancien"]),
])
def test_la_recherche_filtre_par_nom_profil_metier_domaine_et_promotion(client, communaute, recherche, attendus):
    """Each filter of the search narrows the annuaire to the people it names."""
    recherche = (recherche.replace("DESIGN", str(Expertise.objects.get(nom="Design").pk))
                 .replace("DONNEES", str(Domaine.objects.get(nom="Données ouvertes").pk))
                 .replace("ANCIENNE", str(communaute["ancienne"].pk)))
    client.force_login(communaute["eig"])
    assert noms(client.get(f"/annuaire/?{recherche}")) == attendus


@pytest.mark.parametrize("recherche", ["nom=" + "x" * 500, "domaine=abc", "domaine=999999", "promotion=-1",
                                       "metier=%00", "profil=coach", "page=999"])
def test_une_recherche_hors_bornes_est_ignoree_sans_erreur(client, communaute, recherche):
    """A value too long, unknown or malformed is left out of the search: the page answers, nothing breaks."""
    client.force_login(communaute["eig"])
    assert client.get(f"/annuaire/?{recherche}").status_code == 200


def test_la_fiche_d_un_parrain_mene_a_ses_creneaux_de_mentorat_et_aux_heures(client, communaute):
    """An EIG reads, on the card of a parrain with free slots, the link to book them on the booking page; a parrain
    without slots has none; every parrain's card says how to ask for heures d'accélération."""
    client.force_login(communaute["eig"])
    page = client.get("/annuaire/?profil=parrain").content.decode()

    assert f'href="/mentorat/reserver/mentorat/#mentor-{communaute["accessible"].pk}"' in page
    assert f"#mentor-{communaute['ouvert'].pk}" not in page
    assert page.count("Heures d'accélération :") == 2
    assert "/bureau-aide/demander/" in page


def test_rien_d_optionnel_n_est_montre_sans_le_choix_de_la_personne(client, communaute):
    """A parrain with a presentation, links, a photo and an e-mail who chose nothing shows none of them."""
    parrain = parrain_creer("Chloé", ["Logiciel libre"], presentation="Libriste depuis toujours.",
                            linkedin="https://www.linkedin.com/in/chloe", github="https://github.com/chloe",
                            image="/static/img/chloe.png", email="chloe@numerique.gouv.fr")
    client.force_login(communaute["eig"])
    page = client.get("/annuaire/?nom=chlo").content.decode()

    assert parrain.nom_complet in page
    for cache in ("Libriste depuis toujours", "linkedin.com/in/chloe", "github.com/chloe", "/static/img/chloe.png",
                  "chloe@numerique.gouv.fr"):
        assert cache not in page, cache


def test_chaque_choix_montre_sa_partie_et_elle_seule(client, communaute):
    """Showing the links shows LinkedIn and GitHub, not the presentation nor the e-mail; and so on for each."""
    eig = communaute["eig"]
    eig.presentation, eig.linkedin, eig.email = "Designer de services.", "https://www.linkedin.com/in/ines", "ines@x.fr"
    eig.save()

    client.force_login(eig)
    assert client.post("/espace/annuaire/", {
        "annuaire_liens": "on", "presentation": eig.presentation, "linkedin": eig.linkedin}).status_code == 302
    client.force_login(communaute["alumni"])
    page = client.get("/annuaire/?nom=talent").content.decode()
    assert "linkedin.com/in/ines" in page
    assert "Designer de services." not in page and "ines@x.fr" not in page

    client.force_login(eig)
    client.post("/espace/annuaire/", {"annuaire_presentation": "on", "annuaire_courriel": "on",
                                      "presentation": eig.presentation, "linkedin": eig.linkedin})
    client.force_login(communaute["alumni"])
    page = client.get("/annuaire/?nom=talent").content.decode()
    assert "Designer de services." in page and "mailto:ines@x.fr" in page
    assert "linkedin.com/in/ines" not in page


def test_la_page_des_choix_ne_change_que_son_propre_profil_et_les_domaines_des_parrains(client, communaute):
    """A parrain chooses their domains; an EIG's form has no domain field, and a domain posted anyway is ignored."""
    parrain, eig = communaute["ouvert"], communaute["eig"]
    libre = Domaine.objects.get(nom="Logiciel libre")
    client.force_login(parrain)
    assert "Mes domaines d" in client.get("/espace/annuaire/").content.decode()
    client.post("/espace/annuaire/", {"domaines": [libre.pk], "annuaire_courriel": "on"})
    assert list(parrain.domaines.values_list("nom", flat=True)) == ["Logiciel libre"]

    client.force_login(eig)
    assert "Mes domaines d" not in client.get("/espace/annuaire/").content.decode()
    client.post("/espace/annuaire/", {"domaines": [libre.pk]})
    assert not eig.domaines.exists()
    parrain.refresh_from_db()
    assert parrain.annuaire_courriel and not parrain.annuaire_liens


def test_une_nouvelle_personne_ne_montre_rien_par_defaut():
    """The choices are off for a new person: nothing optional is shown until they choose it."""
    personne = PersonneFactory()
    assert not any([personne.annuaire_photo, personne.annuaire_presentation, personne.annuaire_liens,
                    personne.annuaire_courriel])


def _peupler(taille, promotion, defi):
    for rang in range(taille):
        eig_creer(f"Eig{rang}", promotion, metier=f"Métier {rang % 3}", defi=defi)
        parrain = parrain_creer(f"Parrain{rang}", ["Accessibilité", "Design d'interface"])
        CreneauFactory(type="mentorat", mentor=parrain)


@pytest.mark.parametrize("recherche", ["", "?profil=parrain", "?nom=eig&promotion=PROMO"])
def test_le_nombre_de_requetes_ne_depend_pas_du_nombre_de_personnes(
        client, communaute, django_assert_max_num_queries, recherche):
    """The annuaire costs the same number of queries for 2 people of each kind as for a full page."""
    recherche = recherche.replace("PROMO", str(communaute["promotion"].pk))
    client.force_login(communaute["eig"])
    _peupler(2, communaute["promotion"], communaute["defi"])
    client.get("/annuaire/" + recherche)
    with CaptureQueriesContext(connection) as petites:
        assert client.get("/annuaire/" + recherche).status_code == 200
    _peupler(10, communaute["promotion"], communaute["defi"])
    with django_assert_max_num_queries(len(petites)):
        reponse = client.get("/annuaire/" + recherche)
    assert len(reponse.context["fiches"]) == PAR_PAGE


def test_une_presentation_trop_longue_ou_un_domaine_hors_bornes_est_refuse_sans_rien_changer(client, communaute):
    """A presentation beyond its bound or a domain id beyond the column's range is refused by the form: the page
    answers 200 with the error, and nothing is saved."""
    parrain = communaute["ouvert"]
    client.force_login(parrain)
    trop_long = client.post("/espace/annuaire/", {"presentation": "x" * 2001, "annuaire_liens": "on"})
    hors_bornes = client.post("/espace/annuaire/", {"domaines": ["9" * 40], "annuaire_liens": "on"})

    assert trop_long.status_code == hors_bornes.status_code == 200
    parrain.refresh_from_db()
    assert not parrain.annuaire_liens
    assert list(parrain.domaines.values_list("nom", flat=True)) == ["Données ouvertes"]


def test_mes_donnees_disent_les_domaines_et_ce_que_l_annuaire_montre(communaute):
    """The profile of « Mes données » holds the person's annuaire domains and each of their choices."""
    parrain = communaute["accessible"]
    parrain.annuaire_liens = True
    parrain.save()

    profil = donnees_de(parrain)["profil"][0]

    assert profil["domaines_annuaire"] == ["Accessibilité"]
    assert profil["annuaire_montre"] == {"photo": False, "presentation": False, "liens": True, "adresse": False}


def test_un_coach_ajoute_un_domaine_dans_l_administration_et_l_annuaire_le_propose(client, communaute):
    """The domains are the coaches' to keep: one added in the admin is offered by the annuaire's domain filter and
    on the parrains' choice page."""
    client.force_login(CoachFactory(promotion=communaute["promotion"]))
    reponse = client.post("/admin/programme/domaine/add/", {"nom": "Cybersécurité", "famille": "ingenierie",
                                                            "ordre": "20"})
    assert reponse.status_code == 302
    domaine = Domaine.objects.get(nom="Cybersécurité")
    client.force_login(communaute["eig"])
    assert f'value="{domaine.pk}"' in client.get("/annuaire/").content.decode()
