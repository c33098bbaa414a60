"""``python -m chron``: the same entry point as the ``chron`` script."""

from chron.cli import main

if __name__ == "__main__":
    main()
