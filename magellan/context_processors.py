"""What every page needs: the service's name and signature (the menu asks the rules, `{% has_perm %}`)."""


def site(request):
    return {
        "NOM_SERVICE": "Magellan",
        "SIGNATURE_SERVICE": "L'accompagnement des Entrepreneurs d'intérêt général",
    }
