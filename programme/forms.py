"""Forms of the programme, laid out with the project's DSFR crispy pack."""

from allauth.account.forms import ConfirmLoginCodeForm, RequestLoginCodeForm
from django import forms

from .models import Notification, Personne, Promotion, Role

ADRESSE_INVALIDE = "Saisissez une adresse électronique valide, par exemple prenom.nom@domaine.gouv.fr."


class PersonneForm(forms.ModelForm):
    """The admin's form of a person: no password (they log in by a code sent by e-mail); the address is kept in
    lower case, and one already held by someone else is refused in French."""

    class Meta:
        model = Personne
        fields = ["email", "prenom", "nom_usage"]

    def clean_email(self):
        email = self.cleaned_data.get("email")
        return Personne.objects.normalize_email(email).lower() if email else None

    def save(self, commit=True):
        personne = super().save(commit=False)
        if personne._state.adding:
            personne.set_unusable_password()
        if commit:
            personne.save()
            self.save_m2m()
        return personne


class InvitationForm(forms.Form):
    """A coach invites a person with a role in a promotion."""

    email = forms.EmailField(
        label="Adresse électronique",
        help_text="Format attendu : prenom.nom@domaine.gouv.fr",
        error_messages={"invalid": ADRESSE_INVALIDE},
    )
    prenom = forms.CharField(label="Prénom", max_length=150)
    nom_usage = forms.CharField(label="Nom d'usage", max_length=150)
    promotion = forms.ModelChoiceField(
        label="Promotion", queryset=Promotion.objects.all(), empty_label="Tout le programme", required=False,
        help_text="Laissez vide pour un rôle valable dans tout le programme (équipe du programme, alumni).",
    )
    type_role = forms.ChoiceField(label="Rôle", choices=Role.Type.choices)


class DemandeCodeForm(RequestLoginCodeForm):
    """allauth's form, with the DSFR wording of an e-mail field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        champ = self.fields["email"]
        champ.label = "Adresse électronique"
        champ.help_text = "Format attendu : prenom.nom@domaine.gouv.fr"
        champ.widget.attrs.pop("placeholder", None)
        champ.error_messages["invalid"] = ADRESSE_INVALIDE


class ConfirmationCodeForm(ConfirmLoginCodeForm):
    """allauth's form, with a hint on the code's shape."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        champ = self.fields["code"]
        champ.label = "Code de connexion"
        champ.help_text = "Le code reçu par e-mail, par exemple ABCD-1234"
        champ.widget.attrs.pop("placeholder", None)


class PreferencesNotificationsForm(forms.Form):
    """The reminders a person receives: one box per kind of reminder that may be declined."""

    recues = forms.MultipleChoiceField(
        label="Je reçois par courriel",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(categorie.value, categorie.label) for categorie in Notification.DECLINABLES],
        help_text="Les messages du service (invitations, confirmations, annulations, décisions) sont toujours envoyés.",
    )
