"""One way to cut a list into pages, for every app: the page asked (`?page=`, the first one when absent or
malformed, the last one when beyond), with the elided list of page numbers that includes/pagination.html shows
(« 1 … 4 5 6 7 8 … 20 »)."""

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.functional import cached_property

# Page numbers shown around the current one, and at each end of the list.
AUTOUR, AUX_BOUTS = 2, 1


def page_lue(demande: HttpRequest | int | str | None, objets, par_page: int) -> Page:
    """The page of `objets` that `demande` asks for: a request (its `?page=`) or a page number as given."""
    numero = demande.GET.get("page") if isinstance(demande, HttpRequest) else demande
    page = Paginator(objets, par_page).get_page(numero)
    page.pages_list = list(page.paginator.get_elided_page_range(page.number, on_each_side=AUTOUR, on_ends=AUX_BOUTS))
    return page


# An admin list of the whole of a table longer than this says its length from PostgreSQL's statistics (« environ »)
# instead of counting every row at each visit: 600,000 notifications take 90 ms to count, the estimate none.
COMPTE_EXACT_MAX = 10_000


class PaginateurEstime(Paginator):
    """The administration's paginator: a list filtered or searched is counted exactly; the unfiltered list of a
    table PostgreSQL estimates beyond `COMPTE_EXACT_MAX` rows takes that estimate (refreshed by autovacuum)."""

    @cached_property
    def count(self) -> int:
        estime = self._estimation()
        return estime if estime is not None else super().count

    def _estimation(self) -> int | None:
        requete = self.object_list
        if not isinstance(requete, QuerySet) or requete.query.where or connection.vendor != "postgresql":
            return None
        with connection.cursor() as curseur:
            curseur.execute("SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                            [connection.ops.quote_name(requete.model._meta.db_table)])
            ligne = curseur.fetchone()
        return int(ligne[0]) if ligne and ligne[0] > COMPTE_EXACT_MAX else None
