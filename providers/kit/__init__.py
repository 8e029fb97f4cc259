"""The machinery every provider shares, so a provider folder holds only its API's specifics:
the HTTP adapter base (``adapter``: client and lifecycle, auth, reads by id and by page,
fan-out), paging (``paging``), time formats (``times``), per-id fan-out (``fanout``) and the
simulator plumbing (``simulator``: faults, auth checks, rate-limit windows)."""
