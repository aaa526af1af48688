"""The histories read as « who changed what »: a long text shows only the words removed and added in their
context, a status its former and new value, a file joined or removed its name and who did it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from evaluations.factories import PDF_MINIMAL, ObjectifFactory, SupportFactory
from evaluations.historique import historique_rapport, historique_support
from evaluations.services.rapports import rapport_enregistrer
from evaluations.services.supports import piece_jointe_supprimer, support_enregistrer, support_soumettre

pytestmark = pytest.mark.django_db

LONG = ("L'équipe a mené des entretiens avec vingt soignants de trois services pilotes, puis testé la maquette "
        "pendant deux semaines dans le service des urgences, avec un suivi quotidien des usages et des retours. ")


def test_un_long_texte_modifie_montre_les_mots_retires_et_ajoutes_dans_leur_contexte(comite, equipe):
    """Only « deux » → « trois » and the added sentence are marked; the unchanged start is abridged."""
    rapport_enregistrer(comite, champs={"synthese": LONG * 3}, atteintes={}, par=equipe["coach"])
    nouveau = (LONG * 3).replace("pendant deux semaines", "pendant trois semaines", 1) + "Prochaine étape : la DSI."
    rapport_enregistrer(comite, champs={"synthese": nouveau}, atteintes={}, par=equipe["coach"])
    derniere = historique_rapport(comite.rapport)[0]
    segments = derniere.changements[0].segments
    assert derniere.changements[0].champ == "Synthèse"
    assert [texte for genre, texte in segments if genre == "retire"] == ["deux"]
    assert [texte for genre, texte in segments if genre == "ajoute"] == ["trois", "Prochaine étape : la DSI."]
    assert sum(len(texte) for _genre, texte in segments) < len(nouveau) / 2


def test_un_statut_montre_l_ancienne_et_la_nouvelle_valeur(comite, equipe):
    """Submitting is read « Brouillon → Soumis », by the porteuse."""
    support = SupportFactory(comite=comite)
    ObjectifFactory(support=support)
    support_soumettre(support, par=equipe["porteur"])
    entree = historique_support(support)[0]
    statut = next(c for c in entree.changements if c.champ == "Statut")
    assert entree.auteur == equipe["porteur"]
    assert statut.segments == [("retire", "Brouillon"), ("egal", " → "), ("ajoute", "Soumis")]


def test_un_fichier_joint_puis_retire_figure_dans_l_historique_avec_son_auteur(client, comite, equipe):
    """The EIG joins a file, the porteuse removes it: both are on the history page, with their names."""
    support_enregistrer(comite, champs={}, objectifs=[], par=equipe["eig"],
                        fichiers=[SimpleUploadedFile("bilan-phase-2.pdf", PDF_MINIMAL)])
    piece = comite.support.pieces_jointes.get()
    piece_jointe_supprimer(piece, par=equipe["porteur"])
    entrees = [e for e in historique_support(comite.support) if e.objet == "Fichiers joints"]
    assert [(e.auteur, e.action, e.changements[0].champ, e.changements[0].segments) for e in entrees] == [
        (equipe["porteur"], "Retrait", "Fichier retiré", [("retire", "bilan-phase-2.pdf")]),
        (equipe["eig"], "Ajout", "Fichier joint", [("ajoute", "bilan-phase-2.pdf")]),
    ]
    client.force_login(equipe["eig"])
    page = client.get(reverse("support_historique", kwargs={"slug": comite.defi.slug, "numero": 2})).content.decode()
    assert "[ajouté : </span>bilan-phase-2.pdf" in page and "[retiré : </span>bilan-phase-2.pdf" in page
    assert equipe["porteur"].nom_complet in page and equipe["eig"].nom_complet in page
