"""What every layer of the gateway shares without depending on another: the client-facing
error codes and the errors raised on purpose. graph/, resolvers/, tenancy/ and providers/
may import it; it imports only ``providers.errors`` (to say which code a provider error gets)."""
