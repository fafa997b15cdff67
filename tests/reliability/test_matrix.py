"""Case 10: the seeded fault matrix, its short form (matrix.py runs the long one: make reliability-matrix).

Every scenario playbook and the rollout, each under a seed of its own (the first playbook
seed 1, the next seed 2, ...): converge through the seed's faults, re-run with changed=0
and no write, the fault-free run's state, tear down to the seed (matrix.py says how). The
``teardown`` row (teardown.yml after every scenario, the longest cell by far) runs in the
long matrix only; here each playbook tears itself down under the faults, which is what
teardown.yml does for every playbook in turn.
"""

import pytest

import matrix

JOBS = 4  # cells at a time: a cell mostly waits (backoffs, retry-after, latency), it seldom computes


@pytest.mark.timeout(1200)
def test_short_fault_matrix(tmp_path, figures):
    cells = [(name, index + 1) for index, name in enumerate(matrix.playbooks()) if name != matrix.TEARDOWN]
    cells.sort(key=lambda cell: cell[0] != "rollout")  # the longest cell first, not last
    rows = matrix.run_matrix(cells, JOBS, str(tmp_path))
    figures["fault matrix"] = dict((row["playbook"], dict(row["faults"], seed=row["seed"], outcome=row["outcome"],
                                                          seconds=row["seconds"])) for row in rows)
    fired = dict((kind, sum(row["faults"][kind] for row in rows)) for kind in matrix.KINDS)
    assert all(fired.values()), "a kind of fault never fired: %s" % fired
    failed = [row for row in rows if row["outcome"] != "ok"]
    assert not failed, matrix.table(rows) + "\n\n" + matrix.failures(failed)
