"""Forms of the mentorat: a mentor's slots (one or four weeks in a row), a demandeur's choice of a cycle, a
mentorat collectif proposed."""

import datetime
import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from programme.dates import verifier_date
from programme.models import Expertise, Promotion

from ..models import TypeMentorat
from ..models.mentorat import fenetre_creneaux
from ..selectors.mentorat import SEANCES_PAR_CYCLE
from ..services.mentorat import DUREES_MINUTES
from ..services.mentorat_collectif import AUDIENCES as MENTORAT_COLLECTIF_AUDIENCES
from ..services.mentorat_collectif import DUREES_MINUTES as MENTORAT_COLLECTIF_DUREES
from ..services.mentorat_collectif import PLACES_MAX, PLACES_MIN

DUREES = {30: "30 minutes", 60: "1 heure", 90: "1 h 30"}
DUREES_COLLECTIF = {60: "1 heure", 75: "1 h 15", 90: "1 h 30"}


class CreneauxForm(forms.Form):
    """A mentor publishes a slot, or the same slot four weeks in a row."""

    type_mentorat = forms.ChoiceField(label="Type de mentorat")
    jour = forms.DateField(label="Date de la séance", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    heure = forms.TimeField(label="Heure de début", help_text="Heure de Paris",
                            widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    duree_minutes = forms.TypedChoiceField(
        label="Durée", coerce=int,
        help_text="1 h 30 pour le mentorat des spécialistes ; 30 minutes ou 1 heure pour le mentorat individuel.",
    )
    lieu = forms.CharField(
        label="Lieu ou lien de visioconférence", max_length=500,
        help_text="Une adresse, une salle ou un lien, par exemple https://webinaire.numerique.gouv.fr/…",
    )
    serie = forms.BooleanField(
        label="Répéter chaque semaine pendant 4 semaines, à la même heure", required=False, initial=True,
        help_text="Quatre créneaux d'un coup : de quoi offrir un cycle complet.",
    )

    def __init__(self, *args, types, mentor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fenetre = fenetre_creneaux(mentor)
        self.fields["type_mentorat"].choices = [(t, TypeMentorat(t).label) for t in types]
        # Only the durations of the kinds this mentor offers: a parrain sees 1 h 30 alone.
        durees = sorted({minutes for t in types for minutes in DUREES_MINUTES[t]})
        self.fields["duree_minutes"].choices = [(minutes, DUREES[minutes]) for minutes in durees]
        self.fields["duree_minutes"].initial = 60 if 60 in durees else durees[-1] if durees else None
        self.helper = FormHelper()
        self.helper.add_input(Submit("", "Publier"))

    def clean_jour(self):
        jour = self.cleaned_data["jour"]
        verifier_date(jour, self.fenetre)
        return jour

    def clean(self):
        donnees = super().clean()
        if donnees.get("jour") and donnees.get("heure"):
            donnees["debut"] = timezone.make_aware(datetime.datetime.combine(donnees["jour"], donnees["heure"]))
        return donnees


class ReservationCycleForm(forms.Form):
    """A demandeur picks one of the proposed cycles and writes what they need."""

    cycle = forms.CharField(error_messages={"required": f"Choisissez un cycle de {SEANCES_PAR_CYCLE} séances."})
    besoins = forms.CharField(
        label="Votre expression de besoins", max_length=5000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Votre contexte, ce sur quoi vous voulez progresser, vos questions : votre mentor la lira avant "
                  "la première séance.",
        error_messages={"required": "Exprimez vos besoins : votre mentor les lira avant la première séance."},
    )

    def clean_cycle(self):
        valeur = self.cleaned_data["cycle"]
        correspondance = re.fullmatch(r"(\d+):(\d+(?:,\d+)*)", valeur)
        if not correspondance:
            raise ValidationError("Ce cycle n'est pas proposé : choisissez-en un dans la liste.")
        return int(correspondance[1]), [int(i) for i in correspondance[2].split(",")]


class MentoratCollectifForm(forms.Form):
    """A coach or a parrain or marraine proposes a mentorat collectif: a theme, when and where, who may join."""

    promotion = forms.ModelChoiceField(label="Promotion", queryset=Promotion.objects.none(), empty_label=None)
    titre = forms.CharField(label="Thème", max_length=200,
                            help_text="La problématique commune, par exemple « Convaincre sa hiérarchie d'ouvrir "
                                      "ses données ».")
    description = forms.CharField(
        label="La problématique partagée", max_length=5000, widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Ce que vous aborderez ensemble et comment s'y préparer : les participants le liront avant de "
                  "s'inscrire.")
    jour = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    heure = forms.TimeField(label="Heure de début", help_text="Heure de Paris",
                            widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    duree_minutes = forms.TypedChoiceField(
        label="Durée", coerce=int, initial=90,
        choices=[(minutes, DUREES_COLLECTIF[minutes]) for minutes in MENTORAT_COLLECTIF_DUREES])
    places = forms.IntegerField(label="Nombre de places", min_value=PLACES_MIN, max_value=PLACES_MAX, initial=8,
                                help_text=f"De {PLACES_MIN} à {PLACES_MAX} ; au-delà, une liste d'attente.")
    audience = forms.ChoiceField(label="Qui peut s'inscrire",
                                 choices=[(a.value, a.label) for a in MENTORAT_COLLECTIF_AUDIENCES])
    expertise = forms.ModelChoiceField(label="Métier", queryset=Expertise.objects.all(), required=False,
                                       help_text="Seulement si vous l'ouvrez aux EIG d'un métier.")
    lieu = forms.CharField(label="Lieu", max_length=300, required=False,
                           help_text="Une adresse ou une salle ; ou bien un lien de visioconférence ci-dessous.")
    lien_visio = forms.URLField(label="Lien de visioconférence", max_length=500, required=False,
                                assume_scheme="https", help_text="Format attendu : https://…")

    def __init__(self, *args, promotions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["promotion"].queryset = promotions
        self.fields["promotion"].initial = promotions.first()
        self.helper = FormHelper()
        self.helper.add_input(Submit("", "Proposer ce mentorat collectif"))

    def clean(self):
        donnees = super().clean()
        if donnees.get("jour") and donnees.get("heure"):
            donnees["debut"] = timezone.make_aware(datetime.datetime.combine(donnees["jour"], donnees["heure"]))
        return donnees
