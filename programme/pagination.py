"""One way to cut a list into pages, for every app: the page asked (`?page=`, the first one when absent or
malformed, the last one when beyond), with the elided list of page numbers that includes/pagination.html shows
(« 1 … 4 5 6 7 8 … 20 »)."""

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

# Page numbers shown around the current one, and at each end of the list.
AUTOUR, AUX_BOUTS = 2, 1


def page_lue(demande: HttpRequest | int | str | None, objets, par_page: int) -> Page:
    """The page of `objets` that `demande` asks for: a request (its `?page=`) or a page number as given."""
    numero = demande.GET.get("page") if isinstance(demande, HttpRequest) else demande
    page = Paginator(objets, par_page).get_page(numero)
    page.pages_list = list(page.paginator.get_elided_page_range(page.number, on_each_side=AUTOUR, on_ends=AUX_BOUTS))
    return page
