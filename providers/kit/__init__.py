"""The machinery every provider shares, so a provider folder holds only its API's specifics:
paging (``paging``), time formats (``times``), per-id fan-out (``fanout``) and the simulator
plumbing (``simulator``: faults, auth checks, rate-limit windows)."""
