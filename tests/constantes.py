"""Change a constant for one test in every module that imported it by name, as changing its value in the code
would: the tests of a constant prove that pages, e-mails and services follow it."""

import sys


def constante_changer(monkeypatch, module, nom: str, valeur) -> None:
    origine = getattr(module, nom)
    for charge in list(sys.modules.values()):
        if getattr(charge, nom, None) is origine:
            monkeypatch.setattr(charge, nom, valeur)
