"""Signal Desk's evaluation harness: ask question files through the Python API, score every system
(the real pipeline and the baselines) against hand-labelled gold records, write a report."""
