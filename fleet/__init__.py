"""Simulated SAO websites (the sample fleet) served on loopback, with ground truth per item."""
