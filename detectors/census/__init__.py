"""Language census: linguist-style language, path-rule and heuristic tables."""
