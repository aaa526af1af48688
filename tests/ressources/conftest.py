import pytest

from tests.conftest import DONNEES

DOC_COACHS = DONNEES / "doc-coachs"


@pytest.fixture
def doc_coachs():
    """The coaches' documentation site, as CI and every developer machine have it beside the project."""
    assert DOC_COACHS.is_dir(), f"Le site des coachs est introuvable : {DOC_COACHS}"
    return DOC_COACHS
