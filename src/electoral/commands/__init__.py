"""CLI commands beyond the core ones, one module per capability."""
