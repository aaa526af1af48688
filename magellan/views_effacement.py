"""The coaches' page to erase a person who leaves the programme: what will go, what stays anonymous, then the
erasure itself (`magellan.effacement.personne_effacer`)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from rules.contrib.views import permission_required

from programme.models import Personne

from .effacement import effacement_inventaire, personne_effacer


class ConfirmationForm(forms.Form):
    confirme = forms.BooleanField(
        label="Je confirme l'effacement définitif de cette personne",
        error_messages={"required": "Cochez la case pour confirmer l'effacement : il ne peut pas être annulé."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("effacer", "Effacer définitivement cette personne"))


def _personne(request, pk):
    # None for an unknown number: the rule answers first (403 to whoever is not a coach), then the view 404.
    return Personne.objects.filter(pk=pk).first()


@login_required
@permission_required("programme.effacer_personne", fn=_personne, raise_exception=True)
def personne_effacer_confirmer(request, pk):
    personne = get_object_or_404(Personne, pk=pk)
    formulaire = ConfirmationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and formulaire.is_valid():
        effacement = personne_effacer(personne, par=request.user)
        messages.success(request, f"La personne n° {effacement.ancien_numero} est effacée ; ses réponses anonymes "
                                  "restent dans les chiffres.")
        return redirect("admin:programme_personne_changelist")
    fiche = reverse("admin:programme_personne_change", args=[personne.pk])
    return render(request, "magellan/effacement.html", {
        "personne": personne, "inventaire": effacement_inventaire(personne), "formulaire": formulaire,
        "fil_ariane": {"liens": [{"url": fiche, "titre": personne.nom_complet}], "courant": "Effacer la personne"},
    })
