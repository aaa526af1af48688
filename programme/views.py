"""Invitations: a coach invites a person; the person follows the link and lands in their space. And each
person's choice of the reminders they receive by e-mail."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from . import notifications, selectors, services
from .forms import InvitationForm, PreferencesNotificationsForm


@login_required
def invitation_nouvelle(request):
    if not request.user.has_perm("programme.inviter"):
        raise PermissionDenied("Seuls les coachs invitent.")
    formulaire = InvitationForm(request.POST or None)
    formulaire.helper = FormHelper()
    formulaire.helper.add_input(Submit("", "Envoyer l'invitation"))
    if request.method == "POST" and formulaire.is_valid():
        donnees = formulaire.cleaned_data
        try:
            invitation = services.invitation_envoyer(
                email=donnees["email"], prenom=donnees["prenom"], nom_usage=donnees["nom_usage"],
                promotion=donnees["promotion"], type_role=donnees["type_role"], par=request.user,
            )
        except ValidationError as erreur:
            # Each conflict under its field when it names one (the address), above the form otherwise.
            champs = set(getattr(erreur, "error_dict", {}))
            if champs and champs <= {*formulaire.fields, NON_FIELD_ERRORS}:
                formulaire.add_error(None, erreur)
            else:
                for message in erreur.messages:
                    formulaire.add_error(None, message)
        else:
            messages.success(request, f"Invitation envoyée à {invitation.email} ({invitation.role_propose}).")
            return redirect("invitation_nouvelle")
    return render(request, "programme/invitation_nouvelle.html", {
        "formulaire": formulaire, "fil_ariane": {"courant": "Inviter une personne"},
    })


def invitation_accepter(request, jeton):
    """The link opens a confirmation page; only its button (POST) uses the invitation, so that a mail scanner
    following the link leaves it for the person."""
    if request.method != "POST":
        invitation = selectors.invitation_a_suivre(jeton)
        if invitation is None:
            return render(request, "programme/invitation_invalide.html", status=410)
        return render(request, "programme/invitation_accepter.html", {"invitation": invitation})
    personne = services.invitation_accepter(jeton)
    if personne is None:
        return render(request, "programme/invitation_invalide.html", status=410)
    login(request, personne, backend="programme.authentification.SessionSansPermissions")
    messages.success(request, f"Bienvenue dans Magellan, {personne.prenom} !")
    return redirect("espace")


@login_required
def preferences_notifications(request):
    """Each person chooses the reminders they receive; the messages of the service always leave."""
    actuelles = notifications.preferences_lire(request.user)
    # Unticking every box posts no field at all: the form is bound by the method, not by the data.
    formulaire = PreferencesNotificationsForm(
        request.POST if request.method == "POST" else None,
        initial={"recues": [categorie for categorie, recue in actuelles.items() if recue]},
    )
    formulaire.helper = FormHelper()
    formulaire.helper.add_input(Submit("", "Enregistrer mes préférences"))
    if request.method == "POST" and formulaire.is_valid():
        notifications.preferences_enregistrer(request.user, set(formulaire.cleaned_data["recues"]))
        messages.success(request, "Vos préférences de notification sont enregistrées.")
        return redirect("preferences_notifications")
    return render(request, "programme/preferences_notifications.html", {
        "formulaire": formulaire, "fil_ariane": {"courant": "Mes notifications"},
    })
