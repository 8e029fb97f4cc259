"""``hiregraph bench``: upstream requests, wall time, CPU, throughput and memory of four
committed scenarios against the sandbox and each provider simulator (see ``bench/README.md``)."""
