"""``python -m bench.simulator_server PROVIDER --port N [--seed S] [--size N]``: one provider's
simulator served over loopback by uvicorn, in its own process, so that the process measuring
the gateway pays none of the simulator's CPU (``bench/upstream_cpu.py``)."""

from __future__ import annotations

import argparse

import uvicorn

from providers.registry import PROVIDERS
from providers.sandbox.dataset import dataset


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.simulator_server")
    parser.add_argument("provider", choices=sorted(p for p, cls in PROVIDERS.items() if cls.simulation()))
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--size", type=int, default=2000)
    args = parser.parse_args()
    simulation = PROVIDERS[args.provider].simulation()
    assert simulation is not None
    app = simulation.create(
        dataset(args.seed, args.size), credentials=dict(simulation.credentials), faults=simulation.faults(0.0)
    )
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
