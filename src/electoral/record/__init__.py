"""The historical record: every election since 1789, as packaged data."""
