"""CSC — Customer Service Control System."""

__version__ = "0.1.0"
