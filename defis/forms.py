"""The catalogue's filters."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from programme.models import Administration, Expertise, Promotion, Theme


class FiltreDefisForm(forms.Form):
    recherche = forms.CharField(label="Rechercher", required=False, max_length=100,
                                help_text="Un mot du titre, de la description ou de l'administration")
    promotion = forms.ModelChoiceField(label="Promotion", queryset=Promotion.objects.all(), required=False,
                                       empty_label="Toutes les promotions")
    theme = forms.ModelChoiceField(label="Thème", queryset=Theme.objects.all(), required=False,
                                   empty_label="Tous les thèmes")
    expertise = forms.ModelChoiceField(label="Métier", queryset=Expertise.objects.all(), required=False,
                                       empty_label="Tous les métiers")
    administration = forms.ModelChoiceField(label="Administration", queryset=Administration.objects.all(),
                                            required=False, empty_label="Toutes les administrations")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_id = "filtres"
        self.helper.attrs = {"aria-label": "Filtrer les défis"}
        self.helper.add_input(Submit("", "Filtrer"))

    def filtres(self):
        """The valid filters, as keyword arguments of `defis_visibles`; an unknown value is ignored."""
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v}
