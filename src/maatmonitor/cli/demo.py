"""`maatmonitor demo`: run the monitor end to end on the embedded database."""


def demo() -> None:
    """Run the demo."""
