"""Writes of the evaluations, one module per subject: comités, supports, rapports."""
