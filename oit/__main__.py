import sys

from oit.cli import main

sys.exit(main())
