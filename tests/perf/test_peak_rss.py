# Copyright (c) 2026 alicloud.interconnect contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The peak RSS the harness reports is ansible-playbook's own, not the harness's.

Linux's exec keeps, in the new process's ru_maxrss, the high-water mark of the memory the process was
forked with: a playbook started straight from a harness that has held the emulator's state reported
the harness's peak (figure 8's 1081 and 1988 MiB, for runs that used 140 MiB).
"""

import os

from harness.ansible import run_playbook

HARNESS_MIB = 512

PLAYBOOK = """---
- name: One task
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Say something
      ansible.builtin.debug:
        msg: hello
"""


def test_peak_rss_is_the_playbook_s_own(tmp_path):
    playbook = tmp_path / "one.yml"
    playbook.write_text(PLAYBOOK)
    held = bytearray(HARNESS_MIB << 20)
    held[::4096] = b"x" * len(held[::4096])  # every page resident
    del held
    run = run_playbook(str(playbook), str(tmp_path), label="one")
    assert len(run.records) == 1
    assert run.peak_rss_kib < (HARNESS_MIB << 10) / 2, "%d KiB: the harness's peak, not the playbook's" % (
        run.peak_rss_kib)
