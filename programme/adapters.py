"""allauth: nobody signs up alone (coaches invite), and login e-mails speak French."""

from allauth.account.adapter import DefaultAccountAdapter


class AdaptateurCompte(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False
