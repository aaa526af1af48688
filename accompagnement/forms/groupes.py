"""Forms of the groupes de partage: the coaches' choice of a promotion and month, a move, and the topic an
entre-pairs group chooses for its next meeting."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.urls import reverse

from programme.champs import ListeLongue
from programme.dates import ChampMois

from .carnet import ChoixPromotionForm


class ChoixMoisForm(ChoixPromotionForm):
    """Which promotion and month the coaches look at (GET)."""

    libelle = "Choisir la promotion et le mois"
    mois = ChampMois(label="Mois", required=False)

    def mois_choisi(self):
        return self.cleaned_data.get("mois") if self.is_valid() else None


class DeplacementForm(forms.Form):
    """Move one member of the month to another group (of the same kind: the service checks it)."""

    membre = forms.TypedChoiceField(label="Personne", coerce=int, widget=ListeLongue)
    groupe = forms.TypedChoiceField(label="Vers le groupe", coerce=int, widget=ListeLongue)

    def __init__(self, *args, membres, groupes, **kwargs):
        super().__init__(*args, **kwargs)
        self.membres = {membre.pk: membre for membre in membres}
        self.groupes = {groupe.pk: groupe for groupe in groupes}
        libelles = {groupe.pk: str(groupe) for groupe in groupes}
        self.fields["membre"].choices = [
            (m.pk, f"{m.personne.nom_complet} ({libelles[m.groupe_id]})") for m in membres
        ]
        self.fields["groupe"].choices = list(libelles.items())
        self.fields["membre"].error_messages["invalid_choice"] = "Choisissez une personne des groupes de ce mois."
        self.fields["groupe"].error_messages["invalid_choice"] = "Choisissez un groupe de ce mois."
        self.helper = FormHelper()
        self.helper.add_input(Submit("", "Déplacer"))

    def membre_choisi(self):
        return self.membres[self.cleaned_data["membre"]]

    def groupe_choisi(self):
        return self.groupes[self.cleaned_data["groupe"]]


class SujetSuivantForm(forms.Form):
    """The topic chosen at the end of an entre-pairs meeting for the next one. Drawn by
    `groupes/_sujet_suivant.html`, not crispy: the coaches' preview holds one per entre-pairs group (forty in a
    promotion of 300 EIG), and crispy takes a millisecond each."""

    sujet_suivant = forms.CharField(
        label="Sujet de la prochaine rencontre", max_length=1000,
        help_text="Choisi ensemble à la fin de la rencontre, il devient le sujet de celle du mois suivant.",
        widget=forms.Textarea(attrs={"rows": 2, "class": "fr-input"}),
        error_messages={"required": "Indiquez le sujet choisi pour la prochaine rencontre."},
    )

    def __init__(self, *args, groupe, **kwargs):
        # Several groups' forms share a page: the prefix keeps their fields' ids apart.
        super().__init__(*args, prefix=f"groupe-{groupe.pk}", initial={"sujet_suivant": groupe.sujet_suivant},
                         **kwargs)
        self.action = reverse("groupe_sujet_suivant", kwargs={"pk": groupe.pk})
