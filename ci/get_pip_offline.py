# Copyright: contributors to alicloud.interconnect
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Offline stand-in for ansible-test's pip bootstrap script (get-pip.py).

ansible-test creates each sanity venv without pip and then downloads a pip
bootstrap script from ci-files.testing.ansible.com, which this machine cannot
reach. ci/install.sh copies this file into ansible-test's cache under the name
that ansible-test looks for, so ansible-test runs it instead of downloading.

ansible-test calls it as ``python get_pip.py --disable-pip-version-check
pip==X.Y --no-setuptools --no-wheel``. The wheel bundled with the interpreter
(ensurepip) provides a first pip, which then installs the requested version.
ensurepip runs in a child process: in-process it sets PIP_CONFIG_FILE=/dev/null
for the rest of the process, and the second pip would then ignore pip.conf
(index, certificates).
"""

import subprocess
import sys

DROPPED = ("--no-setuptools", "--no-wheel")


def main():
    pip_args = [arg for arg in sys.argv[1:] if arg not in DROPPED]
    subprocess.check_call([sys.executable, "-m", "ensurepip", "--upgrade"], stdout=subprocess.DEVNULL)
    subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet"] + pip_args)


if __name__ == "__main__":
    main()
