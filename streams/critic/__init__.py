"""The critic: pure judging logic (no I/O). See decide.py for the entry points."""
