def accueil(request): pass
def espace(request): pass
