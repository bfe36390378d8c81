"""OIT website compliance crawler: command line and shared settings."""
