"""Many briefs: each fails alone, unchanged ones are skipped, processes and Dask give the same
briefs, concurrent batches do not corrupt each other, and a kernel is shut down quietly."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ikmpolicy import batch
from ikmpolicy.batch import BriefJob, is_current, manifest_path, plan, run_batch, run_job
from tests.batch_helpers import tiny_notebook

ROOT = Path(__file__).resolve().parents[1]
IDS = ["temu-kemitraan-2022", "fgd-2025-05-15", "monitoring-2024-12-08"]


@pytest.fixture
def project(monkeypatch):
    """Relative paths as the command uses them: run from the project folder."""
    monkeypatch.chdir(ROOT)
    return ROOT


@pytest.fixture(scope="module")
def notebook(tmp_path_factory):
    """A quick brief notebook that fails for fgd-2025-05-15 only."""
    return tiny_notebook(tmp_path_factory.mktemp("nb") / "tiny.ipynb", fail_for=("fgd-2025-05-15",))


def jobs_for(sample, out, notebook, ids=IDS, **kwargs) -> list[BriefJob]:
    return plan(sample, ids, data="data/cilegon", out=str(out), notebook=notebook, **kwargs)


def by_id(outcomes):
    return {o.fgd_id: o for o in outcomes}


# -- the manifest key ----------------------------------------------------------------------------


def test_key_changes_with_data_parameters_notebook_and_code(
    sample, notebook, tmp_path, project, monkeypatch
):
    from ikmpolicy.validation import load_dataset

    base = jobs_for(sample, tmp_path, notebook, ["fgd-2025-05-15"])[0]
    assert (
        base.key == jobs_for(sample, tmp_path / "elsewhere", notebook, ["fgd-2025-05-15"])[0].key
    )  # where it goes is not an input
    assert base.key != jobs_for(sample, tmp_path, notebook, ["fgd-2025-05-15"], lang="en")[0].key
    assert (
        base.key
        != jobs_for(sample, tmp_path, notebook, ["fgd-2025-05-15"], as_of="2025-06-01")[0].key
    )
    assert base.key != jobs_for(sample, tmp_path, notebook, ["temu-kemitraan-2022"])[0].key

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "cilegon", data)
    same = plan(
        load_dataset(data),
        ["fgd-2025-05-15"],
        data="data/cilegon",
        out=str(tmp_path),
        notebook=notebook,
    )[0]
    with open(data / "firms.csv", "a", encoding="utf-8") as handle:
        handle.write("\n")  # one byte more in one data file (a blank line: still valid)
    edited = plan(
        load_dataset(data),
        ["fgd-2025-05-15"],
        data="data/cilegon",
        out=str(tmp_path),
        notebook=notebook,
    )[0]
    assert edited.key != same.key

    other = tiny_notebook(tmp_path / "other.ipynb", fail_for=("nothing",))
    assert base.key != jobs_for(sample, tmp_path, other, ["fgd-2025-05-15"])[0].key

    fingerprint = dict(batch.code_fingerprint(), source_sha256="0" * 64)
    monkeypatch.setattr(batch, "code_fingerprint", lambda: fingerprint)
    assert base.key != jobs_for(sample, tmp_path, notebook, ["fgd-2025-05-15"])[0].key


def test_code_fingerprint_hashes_the_package_sources():
    fp = batch.code_fingerprint()
    assert fp["ikmpolicy"] == __import__("ikmpolicy").__version__
    assert fp["libraries"]["pandas"] == __import__("pandas").__version__
    assert fp["python"] == ".".join(map(str, sys.version_info[:3]))
    assert len(fp["source_sha256"]) == 64


# -- one brief alone, skipped when current ------------------------------------------------------


def test_failures_stay_alone_and_unchanged_briefs_are_skipped(sample, notebook, tmp_path, project):
    out = tmp_path / "reports"
    first = by_id(run_batch(jobs_for(sample, out, notebook), workers=1))
    assert first["temu-kemitraan-2022"].status == "made"
    assert first["monitoring-2024-12-08"].status == "made"
    failed = first["fgd-2025-05-15"]
    assert failed.status == "failed"
    assert "no brief for fgd-2025-05-15" in failed.reason
    html = out / "monitoring-2024-12-08" / "brief_id.html"
    assert "<h1>monitoring-2024-12-08</h1>" in html.read_text("utf-8")
    manifest = json.loads(manifest_path(out, "monitoring-2024-12-08", "id").read_text())
    assert manifest["parameters"]["fgd_id"] == "monitoring-2024-12-08"
    assert set(manifest["outputs"]) == {
        "brief_id.html",
        "brief_id.pdf",
        "brief_id.ipynb",
        "brief_id.docx",
        "brief_id_annex.html",
        "brief_id_annex.pdf",
    }
    assert not manifest_path(out, "fgd-2025-05-15", "id").exists()

    stamp = html.stat().st_mtime_ns
    second = by_id(run_batch(jobs_for(sample, out, notebook), workers=1))
    assert second["temu-kemitraan-2022"].status == "unchanged"
    assert second["monitoring-2024-12-08"].status == "unchanged"
    assert second["fgd-2025-05-15"].status == "failed"  # a failure is never skipped
    assert html.stat().st_mtime_ns == stamp

    forced = by_id(run_batch(jobs_for(sample, out, notebook, force=True), workers=1))
    assert forced["monitoring-2024-12-08"].status == "made"


def test_an_edited_or_missing_output_is_made_again(sample, notebook, tmp_path, project):
    out = tmp_path / "reports"
    job = jobs_for(sample, out, notebook, ["temu-kemitraan-2022"])[0]
    assert not is_current(job)
    assert run_job(job).status == "made"
    assert is_current(job)
    pdf = out / "temu-kemitraan-2022" / "brief_id.pdf"
    pdf.write_bytes(pdf.read_bytes() + b"%")
    assert not is_current(job)
    assert run_job(job).status == "made" and is_current(job)
    pdf.unlink()
    assert not is_current(job)
    manifest = manifest_path(out, "temu-kemitraan-2022", "id")
    manifest.write_text("{not json", "utf-8")
    assert not is_current(job)


def test_a_file_error_names_the_path(sample, notebook, tmp_path, project):
    """An output folder that cannot be written fails that brief, with the path, not a crash."""
    out = tmp_path / "reports"
    out.mkdir()
    (out / "temu-kemitraan-2022").write_text("a file where the brief's folder goes")
    outcome = run_batch(jobs_for(sample, out, notebook, ["temu-kemitraan-2022"]), workers=1)[0]
    assert outcome.status == "failed"
    assert "temu-kemitraan-2022" in outcome.reason and "unexpected" not in outcome.reason


# -- in parallel processes and on Dask ----------------------------------------------------------


def test_parallel_processes_make_the_same_briefs(sample, notebook, tmp_path, project):
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    a = by_id(run_batch(jobs_for(sample, serial, notebook), workers=1))
    b = by_id(run_batch(jobs_for(sample, parallel, notebook), workers=2))
    assert {k: v.status for k, v in a.items()} == {k: v.status for k, v in b.items()}
    assert b["fgd-2025-05-15"].reason == a["fgd-2025-05-15"].reason
    for fgd in ("temu-kemitraan-2022", "monitoring-2024-12-08"):
        for name in ("brief_id.html", "brief_id.pdf", "brief_id.ipynb", "brief_id.manifest.json"):
            assert (serial / fgd / name).read_bytes() == (parallel / fgd / name).read_bytes()


def test_dask_cluster_runs_the_same_briefs(sample, notebook, tmp_path, project):
    from distributed import LocalCluster

    out = tmp_path / "dask"
    with LocalCluster(
        processes=False, n_workers=1, threads_per_worker=2, dashboard_address=None
    ) as cluster:
        seen = []
        outcomes = by_id(
            run_batch(
                jobs_for(sample, out, notebook),
                scheduler=cluster.scheduler_address,
                on_done=seen.append,
            )
        )
    assert len(seen) == 3
    assert outcomes["fgd-2025-05-15"].status == "failed"
    assert "no brief for fgd-2025-05-15" in outcomes["fgd-2025-05-15"].reason
    assert outcomes["temu-kemitraan-2022"].status == "made"
    assert "<h1>temu-kemitraan-2022</h1>" in (
        out / "temu-kemitraan-2022" / "brief_id.html"
    ).read_text("utf-8")
    job = jobs_for(sample, out, notebook, ["monitoring-2024-12-08"])[0]
    assert is_current(job)


def test_an_unreachable_scheduler_is_a_clear_error(
    sample, notebook, tmp_path, project, monkeypatch
):
    from ikmpolicy import batch
    from ikmpolicy.errors import RunError

    monkeypatch.setattr(batch, "SCHEDULER_TIMEOUT", "2s")  # the same error, sooner
    with pytest.raises(RunError, match="cannot reach the Dask scheduler"):
        run_batch(
            jobs_for(sample, tmp_path, notebook, ["temu-kemitraan-2022"]),
            scheduler="tcp://127.0.0.1:9",
        )


def test_concurrent_batches_into_one_folder_do_not_corrupt_it(notebook, tmp_path, project):
    """Two commands writing the same briefs at once: every brief is made once (the other
    batch waits on its lock and finds it current), every file is whole, nothing is left over."""
    out = tmp_path / "reports"
    command = [
        sys.executable,
        "-m",
        "ikmpolicy",
        "brief",
        "--all",
        "--notebook",
        str(notebook),
        "--out",
        str(out),
        "--jobs",
        "2",
        "--quiet",
    ]
    runs = [
        subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    results = [(r.wait(timeout=600), *r.communicate()) for r in runs]
    for code, _, stderr in results:
        assert code == 2, stderr  # fgd-2025-05-15 fails in both, by design
        assert "Traceback" not in stderr
    made = [
        line.split(":")[0]
        for _, stdout, _ in results
        for line in stdout.splitlines()
        if ".html" in line and not line.startswith("index")
    ]
    unchanged = [
        line.split(":")[0]
        for _, stdout, _ in results
        for line in stdout.splitlines()
        if "unchanged, skipped" in line
    ]
    sessions = sorted(p.name for p in out.iterdir() if p.is_dir())
    good = [s for s in sessions if s != "fgd-2025-05-15"]
    assert sorted(made) == good, "each brief is made by one batch only"
    assert sorted(unchanged) == good
    from ikmpolicy.validation import load_dataset

    jobs = plan(
        load_dataset("data/cilegon"),
        good,
        data="data/cilegon",
        out=str(out),
        notebook=str(notebook),
    )
    assert all(is_current(job) for job in jobs)
    for fgd in good:
        assert (out / fgd / "brief_id.pdf").read_bytes().rstrip().endswith(b"%%EOF")
    leftovers = [p.name for p in out.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []
    assert "<html" in (out / "index.html").read_text("utf-8")


# -- the executed notebook and the kernel --------------------------------------------------------


def test_brief_parameters_read_back(tmp_path, notebook, project):
    from ikmpolicy.errors import InputError
    from ikmpolicy.pipeline import run_brief

    files = run_brief(
        "temu-kemitraan-2022",
        "en",
        "data/cilegon",
        str(tmp_path),
        as_of="2025-01-01",
        notebook=notebook,
    )
    parameters = batch.brief_parameters(files.notebook)
    assert parameters == {
        "fgd_id": "temu-kemitraan-2022",
        "lang": "en",
        "data": "data/cilegon",
        "helix_model": "classic",
        "as_of": "2025-01-01",
        "budget_idr": None,
    }
    with pytest.raises(InputError, match="not an executed brief"):
        batch.brief_parameters(notebook)


def test_the_kernel_is_shut_down_without_an_interrupt(tmp_path, monkeypatch):
    """jupyter_client interrupts (SIGINT) a kernel before asking it to shut down; landing in
    ipykernel just after the last cell, that prints "KeyboardInterrupt caught in kernel" after
    a successful run. execute() asks without interrupting; the stock path does interrupt, which
    shows the check can fail."""
    import signal

    import papermill as pm
    from jupyter_client.provisioning.local_provisioner import LocalProvisioner

    from ikmpolicy.kernel import execute

    sent = []
    original = LocalProvisioner.send_signal

    async def recording(self, signum):
        sent.append(signum)
        return await original(self, signum)

    monkeypatch.setattr(LocalProvisioner, "send_signal", recording)
    nb = tiny_notebook(tmp_path / "t.ipynb")
    executed = execute(nb, {"fgd_id": "a"}, tmp_path)
    assert "<h1>a</h1>" in json.dumps(executed.cells[-1].outputs)
    assert signal.SIGINT not in sent
    pm.execute_notebook(
        str(nb), str(tmp_path / "stock.ipynb"), kernel_name="python3", progress_bar=False
    )
    assert signal.SIGINT in sent


def test_execute_leaves_no_temporary_folder(tmp_path, monkeypatch):
    import tempfile

    from ikmpolicy.kernel import BriefError, execute

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    execute(tiny_notebook(tmp_path / "ok.ipynb"), {"fgd_id": "a"}, tmp_path)
    with pytest.raises(BriefError, match="no brief for b"):
        execute(tiny_notebook(tmp_path / "bad.ipynb", fail_for=("b",)), {"fgd_id": "b"}, tmp_path)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("ikmpolicy-")] == []


def test_the_largest_briefs_start_first(sample, notebook, tmp_path, project):
    jobs = jobs_for(sample, tmp_path, notebook, IDS)
    expected = {
        fgd: sum(
            int((t["session_id"] == fgd).sum())
            for t in sample.tables.values()
            if "session_id" in t.columns
        )
        for fgd in IDS
    }
    assert {j.fgd_id: j.size for j in jobs} == expected
    order = [j.fgd_id for j in batch._largest_first(jobs)]
    assert order[0] == "fgd-2025-05-15"  # the session with judgements and statements
    assert [expected[f] for f in order] == sorted(expected.values(), reverse=True)


def test_a_tmpdir_too_long_for_the_forkservers_socket_makes_workers_by_spawn(tmp_path, monkeypatch):
    """The forkserver listens on <TMPDIR>/pymp-XXXXXXXX/listener-XXXXXXXX; past the length a
    socket's path may have, starting it failed with "AF_UNIX path too long" (an unexpected
    OSError for the user). Workers are then started by spawn."""
    import multiprocessing
    import tempfile

    from ikmpolicy import batch
    from ikmpolicy.kernel import SOCKET_PATH_MAX

    if "forkserver" not in multiprocessing.get_all_start_methods():
        assert batch._context().get_start_method() == "spawn"
        return
    monkeypatch.setattr(tempfile, "tempdir", "/tmp")
    assert batch._context().get_start_method() == "forkserver"
    monkeypatch.setattr(tempfile, "tempdir", "/tmp/" + "d" * (SOCKET_PATH_MAX - 30))
    assert batch._context().get_start_method() == "spawn"


def test_another_notebook_is_refused_before_it_runs():
    # an academic's notebook given as --notebook ran to its end (with papermill's "Passed
    # unknown parameter") before the brief said "the notebook shows no brief masthead"
    from ikmpolicy.batch import BRIEF_PARAMETERS, NotebookFileError, check_notebook
    from ikmpolicy.pipeline import find_notebook

    assert check_notebook(find_notebook()) == find_notebook()  # the package's own
    for other in sorted(Path("notebooks").glob("*.ipynb")):
        with pytest.raises(NotebookFileError, match="not a brief notebook") as error:
            check_notebook(other)
        unset = str(error.value).split("does not set ")[1].split(";")[0].split(", ")
        assert unset and set(unset) <= set(BRIEF_PARAMETERS), other


def test_brief_parameters_are_what_run_brief_passes(monkeypatch, tmp_path):
    from ikmpolicy import pipeline
    from ikmpolicy.batch import BRIEF_PARAMETERS

    passed = {}

    def capture(notebook, parameters, *args, **kwargs):
        passed.update(parameters)
        raise RuntimeError("captured")

    monkeypatch.setattr(pipeline, "execute", capture)
    with pytest.raises(RuntimeError, match="captured"):
        pipeline.run_brief("fgd-2025-05-15", out=str(tmp_path))
    assert tuple(passed) == BRIEF_PARAMETERS
