"""Pages of the evaluations, one module per subject; each view checks a permission, calls one service or
selector, and renders."""
