"""Release data: what the public end-of-life and registry data say about the versions found.

``cycles`` models a product's release cycles and matches a version to one; ``endoflife`` reads
them from the endoflife.date API v1.
"""
