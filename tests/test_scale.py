"""Scale-out: worker processes and a Dask LocalCluster give the same records as one process."""

from __future__ import annotations

import json

import pytest

from rasad.ingest.readers import read_inputs
from rasad.parallel import process_many

from conftest import EXAMPLES


def _records(dones):
    return {d.source: d.record for d in dones if d.record}


def test_scale_worker_processes_match_one_process():
    one = [d.record for d in process_many(read_inputs([str(EXAMPLES)]), workers=1)]
    two = [d.record for d in process_many(read_inputs([str(EXAMPLES)]), workers=2)]
    assert one == two and len(one) == 5


def test_scale_dask_local_cluster_matches_and_ingests(tmp_path):
    pytest.importorskip("distributed")
    pytest.importorskip("pyarrow")
    from distributed import Client, LocalCluster

    from rasad.scale import read_partitions, run_dask
    from rasad.store import contents, ingest_paths
    from rasad.store.batch import ingest_processed

    single = _records(process_many(read_inputs([str(EXAMPLES)]), workers=1))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
        done = list(run_dask(read_inputs([str(EXAMPLES)]), tmp_path / "parts", client=client, partition_size=2))
    assert _records(done) == single
    assert sorted(p.name for p in (tmp_path / "parts").glob("*.parquet")) == ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]
    assert _records(read_partitions([str(tmp_path / "parts")])) == json.loads(json.dumps(single))
    ingest_processed(str(tmp_path / "a.db"), read_partitions([str(tmp_path / "parts")]))
    ingest_paths(str(tmp_path / "b.db"), [str(EXAMPLES)])
    a, b = contents(str(tmp_path / "a.db")), contents(str(tmp_path / "b.db"))
    assert a == b
