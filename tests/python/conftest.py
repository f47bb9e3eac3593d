"""Shared helpers of the Python module's tests: run ropelab-cli and compare with the module.

Run by ctest (tests/python/CMakeLists.txt sets PYTHONPATH=build/python and ROPELAB_CLI), or by
hand: PYTHONPATH=build/python ROPELAB_CLI=build/app/cli/ropelab-cli python3 -m pytest tests/python
"""
import json
import os
import subprocess

import pytest

CLI = os.environ.get("ROPELAB_CLI", "build/app/cli/ropelab-cli")


class Cli:
    def run(self, *args):
        """(exit status, stdout, stderr) of ropelab-cli ARGS."""
        r = subprocess.run([CLI, *[str(a) for a in args]], capture_output=True, text=True, timeout=120)
        return r.returncode, r.stdout, r.stderr

    def json(self, *args):
        status, out, err = self.run(*args)
        assert status == 0, err
        return json.loads(out)

    def error(self, *args):
        """The CLI's message for bad input (exit 2), without the 'ropelab-cli: error: ' prefix."""
        status, _, err = self.run(*args)
        assert status == 2, err
        line = [l for l in err.splitlines() if l.startswith("ropelab-cli: error: ")][0]
        return line[len("ropelab-cli: error: "):]


@pytest.fixture(scope="session")
def cli():
    assert os.access(CLI, os.X_OK), "set ROPELAB_CLI to the ropelab-cli binary"
    return Cli()


def options_argv(**options):
    """The CLI arguments the module builds from keyword arguments (the documented mapping)."""
    argv = []
    for key, value in options.items():
        flag = "--" + key.replace("_", "-")
        if value is True:
            argv.append(flag)
        elif value is not None and value is not False:
            argv += [flag, str(value)]
    return argv
