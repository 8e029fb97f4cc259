"""Events (issue 13): the unified event types, the durable per-connection log, polling that
derives events from what changed, live fan-out across workers, and outgoing webhooks.

Provider-neutral: providers are reached through ``ProviderAdapter.list`` only.
"""
