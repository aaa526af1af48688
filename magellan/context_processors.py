"""What every page needs: the service's name and signature (the menu is magellan.menu, `{% menu_du_visiteur %}`)."""


def site(request):
    return {
        "NOM_SERVICE": "Magellan",
        "SIGNATURE_SERVICE": "L'accompagnement des Entrepreneurs d'intérêt général",
    }
