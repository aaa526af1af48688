"""The public pages, the défis, the login pages, invitations and notification preferences."""

import re

from proconnect.models import LienProConnect
from programme.models import Notification, Role
from programme.services import invitation_creer

from .attendus import COACHS, EQUIPE, Entree, coachs_seulement, connectes, pour, tous


def preparer(monde):
    """An invitation of the second alumni to a role in the whole programme, its link read in the e-mail; the porteur
    linked to a ProConnect identity."""
    invitation = invitation_creer(monde["personnes"]["alumni_autre"], promotion=None, type_role=Role.Type.ALUMNI)
    LienProConnect.objects.create(personne=monde["personnes"]["porteur"], sub="monde-porteur")
    texte = Notification.objects.get(cle=f"invitation:{invitation.pk}").texte
    return {"lien_invitation": re.search(r"/invitation/[^/\s]+/", texte).group()}


ENTREES = [
    Entree("accueil", lambda o: "/", tous(200)),
    Entree("accessibilité", lambda o: "/accessibilite/", tous(200)),
    Entree("mentions légales", lambda o: "/mentions-legales/", tous(200)),
    Entree("mon espace", lambda o: "/espace/", connectes(200)),
    Entree("mes données", lambda o: "/espace/mes-donnees/", connectes(200)),
    Entree("télécharger mes données", lambda o: "/espace/mes-donnees/", connectes(200), "POST", lambda o: {}),
    Entree("catalogue des défis", lambda o: "/defis/", tous(200)),
    Entree("catalogue filtré", lambda o: f"/defis/?promotion={o['promotion'].pk}&theme=999999", tous(200)),
    Entree("défi visible", lambda o: o["defi"].get_absolute_url(), tous(200)),
    Entree("défi visible d'une autre promotion", lambda o: o["defi_ailleurs"].get_absolute_url(), tous(200)),
    Entree("défi non publié", lambda o: o["defi_cache"].get_absolute_url(),
           pour(200, COACHS, EQUIPE, autres=404, anonyme=404)),
    Entree("défi inexistant", lambda o: "/defis/nexiste-pas/", tous(404)),
    Entree("export CSV", lambda o: "/defis/export.csv", tous(200)),
    Entree("export JSON", lambda o: "/defis/export.json", tous(200)),
    Entree("données ouvertes", lambda o: "/donnees-ouvertes/", tous(200)),
    Entree("connexion", lambda o: "/comptes/login/", tous(302)),
    Entree("connexion par code", lambda o: "/comptes/login/code/", {**tous(302), "anonyme": 200}),
    Entree("demander un code", lambda o: "/comptes/login/code/", {**tous(302), "anonyme": 302}, "POST",
           lambda o: {"email": o["personnes"]["eig"].email}),
    Entree("saisir le code sans l'avoir demandé", lambda o: "/comptes/login/code/confirm/", tous(302)),
    Entree("déconnexion", lambda o: "/comptes/logout/", connectes(200)),
    Entree("se déconnecter", lambda o: "/comptes/logout/", tous(302), "POST", lambda o: {}),
    # ProConnect's pages exist only when it is configured (tests/proconnect covers them then); the matrix runs
    # without its variables.
    Entree("ProConnect non configuré : départ", lambda o: "/comptes/proconnect/connexion/", tous(404)),
    Entree("ProConnect non configuré : retour", lambda o: "/comptes/proconnect/retour/?code=x&state=y", tous(404)),
    Entree("ProConnect non configuré : retour de déconnexion", lambda o: "/comptes/proconnect/deconnexion/?state=y",
           tous(404)),
    Entree("compte inactif", lambda o: "/comptes/inactive/", tous(200)),
    Entree("inscription (fermée)", lambda o: "/comptes/signup/", connectes(302, anonyme=200)),
    Entree("inviter une personne", lambda o: "/invitations/nouvelle/", coachs_seulement()),
    Entree("envoyer une invitation", lambda o: "/invitations/nouvelle/", coachs_seulement(statut=302), "POST",
           lambda o: {"email": "nouvelle@exemple.test", "prenom": "Nouvelle", "nom_usage": "Personne",
                      "promotion": o["promotion"].pk, "type_role": "eig"}),
    Entree("invitation inconnue", lambda o: "/invitation/jeton-inconnu/", tous(410)),
    Entree("invitation à confirmer", lambda o: o["lien_invitation"], tous(200)),
    Entree("invitation acceptée", lambda o: o["lien_invitation"], tous(302), "POST", lambda o: {}),
    Entree("mes notifications", lambda o: "/comptes/notifications/", connectes(200)),
    Entree("enregistrer mes notifications", lambda o: "/comptes/notifications/", connectes(302), "POST",
           lambda o: {"recues": [Notification.Categorie.RAPPEL_METEO]}),
]
