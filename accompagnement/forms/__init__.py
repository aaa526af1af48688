"""Forms of the accompagnement, one module per domain, laid out with the project's DSFR crispy pack."""
