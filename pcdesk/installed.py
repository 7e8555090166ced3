"""The one list of features this build of pcdesk contains.

Adding a feature means adding its package here — and nothing else in the foundation.
Order is the order of the sidebar groups, demo steps and home-page sections.
"""

FEATURES: tuple[str, ...] = (
    "pcdesk.inventory",
    "pcdesk.policy",
    "pcdesk.pledges",
    "pcdesk.visitors",
    "pcdesk.takeout",
    "pcdesk.pack",  # last: it reads the others through the registry
)
