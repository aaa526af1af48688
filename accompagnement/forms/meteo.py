"""Form of the météo entrepreneuriale: five minutes for an EIG to say how things go, every two weeks."""

from django import forms

from ..models import ReponseMeteo

NIVEAUX = [(valeur, f"{valeur} – {libelle}") for valeur, libelle in ReponseMeteo.Niveau.choices]


def _niveau(label, aide, manquant):
    return forms.TypedChoiceField(label=label, help_text=aide, choices=NIVEAUX, coerce=int, widget=forms.RadioSelect,
                                  error_messages={"required": manquant,
                                                  "invalid_choice": "Choisissez un niveau de 1 à 5."})


def _texte(label, aide):
    return forms.CharField(label=label, help_text=aide, required=False, max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 3}))


class MeteoForm(forms.Form):
    """The three levels (from 1, « Orage », to 5, « Grand soleil »), successes, difficulties, and whether the EIG
    wishes to talk with a coach."""

    meteo = _niveau("Ma météo entrepreneuriale", "Dans l'ensemble, comment allez-vous ces deux dernières semaines ?",
                    "Choisissez votre météo.")
    vie_equipe = _niveau("La vie de l'équipe", "Avec votre binôme ou trinôme et l'administration qui vous accueille.",
                         "Choisissez un niveau pour la vie de l'équipe.")
    epanouissement = _niveau("Mon épanouissement personnel", "Ce que vous apprenez, le sens, l'énergie.",
                             "Choisissez un niveau pour votre épanouissement personnel.")
    reussites = _texte("Mes réussites", "Ce qui a avancé, ce dont vous êtes fier ou fière.")
    difficultes = _texte("Mes difficultés", "Ce qui bloque ou pèse, même si ce n'est qu'une impression.")
    souhaite_echanger = forms.BooleanField(
        label="Je souhaite échanger avec un coach", required=False,
        help_text="Un coach vous contactera dans les prochains jours.",
    )
