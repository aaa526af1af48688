"""Forms of the programme, laid out with the project's DSFR crispy pack."""

from django import forms

from .models import Personne, Promotion, Role


class PersonneCreationForm(forms.ModelForm):
    class Meta:
        model = Personne
        fields = ["email", "prenom", "nom_usage"]


class InvitationForm(forms.Form):
    """A coach invites a person with a role in a promotion."""

    email = forms.EmailField(
        label="Adresse électronique",
        help_text="Format attendu : prenom.nom@domaine.gouv.fr",
        error_messages={"invalid": "Saisissez une adresse électronique valide, par exemple prenom.nom@domaine.gouv.fr."},
    )
    prenom = forms.CharField(label="Prénom", max_length=150)
    nom_usage = forms.CharField(label="Nom d'usage", max_length=150)
    promotion = forms.ModelChoiceField(
        label="Promotion", queryset=Promotion.objects.all(), empty_label="Tout le programme", required=False,
        help_text="Laissez vide pour un rôle valable dans tout le programme (équipe du programme, alumni).",
    )
    type_role = forms.ChoiceField(label="Rôle", choices=Role.Type.choices)
