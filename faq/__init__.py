"""FAQ content, carriers, card types and synonyms, and the search engine that serves them."""
