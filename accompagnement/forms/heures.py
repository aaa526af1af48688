"""Forms of the heures d'accélération: a parrain's entry, the coaches' filters."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from programme.dates import ChampMois
from programme.models import Promotion

from ..selectors.heures import defis_du_parrain, duree_en_clair
from ..services.heures import DUREE_MAX_MINUTES, QUART_D_HEURE

DUREES = [(minutes, duree_en_clair(minutes)) for minutes in range(QUART_D_HEURE, DUREE_MAX_MINUTES + 1, QUART_D_HEURE)]


class HeureForm(forms.Form):
    """A parrain logs time given to a défi."""

    date = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    defi = forms.ModelChoiceField(label="Défi", queryset=None, empty_label="Choisissez un défi")
    duree_minutes = forms.TypedChoiceField(label="Durée", coerce=int, choices=DUREES,
                                           help_text="En quarts d'heure, de 0 h 15 à 5 h.")
    sujet = forms.CharField(label="Sujet", max_length=300,
                            help_text="Par exemple : revue d'architecture, atelier de recherche utilisateur")

    def __init__(self, *args, parrain, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["defi"].queryset = defis_du_parrain(parrain)
        self.fields["defi"].label_from_instance = lambda defi: f"{defi.titre} ({defi.promotion})"
        self.helper = FormHelper()
        self.helper.add_input(Submit("", "Enregistrer ces heures"))


class SuiviHeuresForm(forms.Form):
    """The coaches' filters: a promotion and a month."""

    promotion = forms.ModelChoiceField(label="Promotion", queryset=Promotion.objects.all(), required=False,
                                       empty_label="Toutes les promotions")
    mois = ChampMois(label="Mois", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.attrs = {"aria-label": "Filtrer les heures d'accélération"}
        self.helper.add_input(Submit("", "Filtrer"))
