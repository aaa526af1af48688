"""What every page needs: the service's name and whether the visitor is a coach."""

from programme.rules import est_coach


def site(request):
    return {
        "NOM_SERVICE": "Magellan",
        "SIGNATURE_SERVICE": "L'accompagnement des Entrepreneurs d'intérêt général",
        "est_coach": est_coach(request.user) if hasattr(request, "user") else False,
    }
