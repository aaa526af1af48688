"""Management commands of the programme."""
