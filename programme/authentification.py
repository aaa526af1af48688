"""Who a person is, never what they may do: Django's model permissions (user_permissions, groups) grant nothing
and cost no query; only the rules (`rules.py`, `rules.permissions.ObjectPermissionBackend`) decide."""

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth.backends import ModelBackend


class SansPermissionsDjango:
    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()

    def get_all_permissions(self, user_obj, obj=None):
        return set()


class SessionSansPermissions(SansPermissionsDjango, ModelBackend):
    """Loads the person of a session."""


class ConnexionParCodeSansPermissions(SansPermissionsDjango, AuthenticationBackend):
    """Allauth's login by code."""
