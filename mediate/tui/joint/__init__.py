"""The joint view of one case for the parties: ``mediate joint`` (the app) and ``mediate serve``
(the app in each party's browser, behind a per-party link)."""
