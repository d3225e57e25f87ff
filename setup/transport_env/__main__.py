"""Entry point: ``python3 -m transport_env COMMAND`` (see the Makefile)."""

import sys

from . import bench, i18n, load, readme, run, testing
from .console import EnvironmentProblem, fail
from .postgres import Cluster

COMMANDS = {
    "run": run.main,
    "test": testing.main,
    "stop": lambda: Cluster().stop() or 0,
    "pot": i18n.main,
    "readme": readme.main,
    "bench": bench.main,
    "load": load.main,
}


def main(argv):
    if len(argv) != 1 or argv[0] not in COMMANDS:
        fail(f"usage: python3 -m transport_env {{{','.join(COMMANDS)}}}")
        return 2
    try:
        return COMMANDS[argv[0]]()
    except EnvironmentProblem as problem:
        fail(str(problem))
        return 1
    except KeyboardInterrupt:
        return 130


sys.exit(main(sys.argv[1:]))
