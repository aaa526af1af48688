from django import forms

from .selectors import RECHERCHE_MAX


class RechercheRessourcesForm(forms.Form):
    """The resources' search (GET), bounded."""

    q = forms.CharField(label="Rechercher dans les ressources", required=False, max_length=RECHERCHE_MAX,
                        help_text="Un ou plusieurs mots, par exemple « accessibilité » ou « licence libre »")
