"""Tests of ikmpolicy.matching (a package, so test module names cannot clash)."""
