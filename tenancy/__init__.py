"""Tenants, API keys and stored connections: who may call, which connections they may use,
and the encrypted credentials behind those connections (docs/deploy.md)."""
