"""The Greenhouse simulator as a real HTTP server, counting what it served.

``python -m tests.tenancy.sim_server --port P --rate-limit N`` serves Harvest (accepting
``api_key=sim-key``) and enforces N requests per 10 s window with real 429s; ``GET /_stats``
answers how many requests it served and how many it refused with 429.
"""

from __future__ import annotations

import argparse
from typing import Any

import uvicorn
from starlette.types import Message, Receive, Scope, Send

from providers.greenhouse.simulator import SimulatorFaults, create_simulator
from providers.sandbox.dataset import dataset

API_KEY = "sim-key"


class Counting:
    def __init__(self, app: Any) -> None:
        self.app = app
        self.served = 0
        self.rejected = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"] == "/_stats":
            body = f'{{"served": {self.served}, "rejected": {self.rejected}}}'.encode()
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [(b"content-type", b"application/json")],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return

        async def counting_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                self.served += 1
                if message["status"] == 429:
                    self.rejected += 1
            await send(message)

        await self.app(scope, receive, counting_send)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--rate-limit", type=int, required=True)
    args = parser.parse_args()
    app = create_simulator(
        dataset(7, 60), credentials={"api_key": API_KEY}, faults=SimulatorFaults(rate_limit=args.rate_limit)
    )
    uvicorn.run(Counting(app), host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
