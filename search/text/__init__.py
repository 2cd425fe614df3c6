"""Text analysis shared by indexing and querying; callers import it through search.normalize."""
