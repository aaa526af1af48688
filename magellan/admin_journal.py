"""The admin page « Journal des modifications »: the coaches read who changed what, filtered by author, by model
(and one object of it) and by dates; each entry links to the object's own history in the admin."""

from django import forms
from django.contrib import admin
from django.db.models import Q
from django.template.response import TemplateResponse
from django.urls import reverse

from programme.dates import fenetre_absolue, verifier_date
from programme.models import Personne
from programme.pagination import page_lue

from .journal import SUIVIS, Filtres, Journal, modeles_suivis

PAR_PAGE = 50
ID_MAX = 2**31 - 1


def auteurs():
    """Everyone who wrote at least one version of a followed model, in one query."""
    ecrit = Q()
    for modele, _ignores in SUIVIS.values():
        ecrit |= Q(pk__in=modele.history.model.objects.values("history_user_id"))
    return Personne.objects.filter(ecrit).order_by("nom_usage", "prenom")


class JournalForm(forms.Form):
    auteur = forms.TypedChoiceField(label="Auteur", required=False, coerce=int, empty_value=None)
    modele = forms.ChoiceField(label="Objet", required=False)
    objet = forms.IntegerField(label="Numéro de l'objet", required=False, min_value=1, max_value=ID_MAX)
    du = forms.DateField(label="Du", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    au = forms.DateField(label="Au", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.personnes = {personne.pk: personne for personne in auteurs()}
        self.fields["auteur"].choices = [("", "Toutes les personnes")] + [
            (pk, personne.nom_complet or personne.email or f"Personne {pk}") for pk, personne in self.personnes.items()]
        self.fields["modele"].choices = [("", "Tous les objets suivis")] + modeles_suivis()

    def clean(self):
        donnees = super().clean()
        for champ in ("du", "au"):
            if donnees.get(champ):
                try:
                    verifier_date(donnees[champ], fenetre_absolue(), champ)
                except forms.ValidationError as erreur:
                    self.add_error(None, erreur)
        return donnees

    def filtres(self) -> Filtres:
        if not self.is_valid():
            return Filtres()
        donnees = self.cleaned_data
        return Filtres(auteur=self.personnes.get(donnees["auteur"]), modele=donnees["modele"],
                       objet=donnees["objet"] if donnees["modele"] else None, du=donnees["du"], au=donnees["au"])


def journal(request):
    """The journal of changes, newest first, 50 entries a page; an invalid filter shows the whole journal with
    its error."""
    formulaire = JournalForm(request.GET or None)
    filtres = formulaire.filtres()
    page = page_lue(request, Journal(filtres), PAR_PAGE)
    for entree in page.object_list:
        modele = SUIVIS[entree.label][0]
        if admin.site.is_registered(modele):
            entree.lien_historique = reverse(
                f"admin:{modele._meta.app_label}_{modele._meta.model_name}_history", args=[entree.objet_id])
    parametres = request.GET.copy()
    parametres.pop("page", None)
    return TemplateResponse(request, "admin/journal.html", {
        **admin.site.each_context(request),
        "title": "Journal des modifications",
        "formulaire": formulaire,
        "filtres": filtres,
        "page": page,
        "parametres": parametres.urlencode(),
    })
