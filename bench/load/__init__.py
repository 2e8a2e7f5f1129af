"""Load and fault runs: simulated learners, faults and reconciliation (see docs/BENCHMARKS.md)."""
