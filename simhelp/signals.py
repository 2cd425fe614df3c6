"""Signals by which the parts that answer readers announce what happened, for whoever counts it.

The assistant's search and ask endpoints and the help site's search page send `searched`;
`insights` receives it (connected in its app config), so a search is counted one way wherever
it is made, and the assistant never imports the app that counts.
"""

from django.dispatch import Signal

# A question was answered. Arguments: query, language, source ("site", "api", "widget"),
# answered_by ("rule", "search", "none"), best_score (float or None).
searched = Signal()

# A reader was shown a troubleshooter's node. Arguments: troubleshooter (slug), path (node keys
# from the first question to the node shown), fresh (how many keys at the end of `path` this
# response showed for the first time: 1 for a step, more when the context answered questions),
# started (bool: this response began a walk), source ("site", "api", "widget").
walked = Signal()
