import sys

from discourse.cli import main

sys.exit(main())
