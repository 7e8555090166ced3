"""Developer tools run by the test command and the root scripts (not by users)."""
