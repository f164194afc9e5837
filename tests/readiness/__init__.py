"""Tests of ikmpolicy.readiness (a package, so test module names cannot clash)."""
