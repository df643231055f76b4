"""Benchmarks: `make bench` runs each as `python -m benchmarks.<name>` from the project root.
They print figures (medians and ratios within one run); none of them is a test."""
