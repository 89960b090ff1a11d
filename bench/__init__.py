"""Benchmarks of newsintel: the synthetic corpus, the stage benchmarks and the suite runner."""
