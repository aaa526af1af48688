"""One way to cut a list into pages: the page asked, a sensible one when the number is wrong, and the elided
list of page numbers the shared pagination shows."""

from django.test import RequestFactory

from programme.pagination import page_lue


def test_la_page_demandee_avec_ses_numeros_elides():
    """Page 10 of 20 lists 1, …, 8 to 12, …, 20."""
    page = page_lue(RequestFactory().get("/", {"page": "10"}), list(range(200)), 10)
    assert page.number == 10 and list(page.object_list) == list(range(90, 100))
    assert page.pages_list == [1, "…", 8, 9, 10, 11, 12, "…", 20]


def test_un_numero_illisible_ou_demesure_donne_la_premiere_ou_la_derniere_page():
    """« abc » gives the first page, a number beyond the end the last one, as a request or as a number."""
    assert page_lue(RequestFactory().get("/", {"page": "abc"}), list(range(30)), 10).number == 1
    assert page_lue("99999999999999999999", list(range(30)), 10).number == 3
    assert page_lue(None, [], 10).number == 1
