"""Log the browser in as a person, by handing it the session cookie of a Django client logged in as them.

The login by code itself is tested once, in test_parcours.py; the other browser tests start logged in.
"""

from django.test import Client


def connecter(page, live_server, personne):
    """Replace the browser's session by one of `personne`."""
    client = Client()
    client.force_login(personne)
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                               "url": live_server.url}])
