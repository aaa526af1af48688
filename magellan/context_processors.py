"""What every page needs: the service's name, and the roles of the visitor to build the menu."""

from programme.rules import est_coach, types_de_role


def site(request):
    utilisateur = getattr(request, "user", None)
    types = types_de_role(utilisateur) if utilisateur is not None else set()
    return {
        "NOM_SERVICE": "Magellan",
        "SIGNATURE_SERVICE": "L'accompagnement des Entrepreneurs d'intérêt général",
        "est_coach": est_coach(utilisateur) if utilisateur is not None else False,
        "mes_roles": types,
    }
