"""CI runs exactly the commands a contributor runs."""

from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent


def commands(path: Path) -> list[str]:
    """Every `run:` command of every job of a workflow."""
    workflow = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return [
        step["run"].strip()
        for job in workflow["jobs"].values()
        for step in job.get("steps", [])
        if "run" in step
    ]


def test_ci_run_calls_scripts_test_and_nothing_else():
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    code = [line for line in lines if line and not line.startswith("#")]
    assert code[-1] == "exec scripts/test"
    assert all(
        line.startswith(("set ", "cd ", "exec scripts/test")) for line in code
    )


def test_the_github_workflow_runs_scripts_test():
    assert "scripts/test" in commands(ROOT / ".github/workflows/ci.yml")


def test_every_workflow_runs_only_the_project_scripts():
    for workflow in (ROOT / ".github" / "workflows").glob("*.yml"):
        for command in commands(workflow):
            assert command.startswith("scripts/"), (workflow.name, command)


def workflow() -> dict:
    text = (ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8")
    return YAML(typ="safe").load(text)


def test_examples_run_on_three_platforms_and_two_pythons():
    matrix = workflow()["jobs"]["examples"]["strategy"]["matrix"]
    assert {os.split("-")[0] for os in matrix["os"]} == {
        "ubuntu",
        "macos",
        "windows",
    }
    assert matrix["python"] == ["3.11", "3.14"]


def test_examples_also_run_on_free_threaded_python():
    job = workflow()["jobs"]["examples-free-threaded"]
    [setup] = [
        step for step in job["steps"] if "setup-python" in step.get("uses", "")
    ]
    assert setup["with"]["python-version"] == "3.14t"
    assert [step["run"] for step in job["steps"] if "run" in step] == [
        "scripts/test --examples"
    ]


def test_actions_are_pinned_to_full_commit_shas():
    for job in workflow()["jobs"].values():
        for step in job["steps"]:
            if "uses" in step:
                _, ref = step["uses"].split("@")
                assert len(ref) == 40, step["uses"]
                int(ref, 16)  # hexadecimal


def test_only_the_deploy_job_can_write_and_only_from_main():
    jobs = workflow()["jobs"]
    assert workflow()["permissions"] == {"contents": "read"}
    writers = {name for name, job in jobs.items() if "permissions" in job}
    assert writers == {"deploy"}
    assert jobs["deploy"]["if"] == (
        "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    )


def test_one_job_runs_the_examples_on_the_latest_stable_rust():
    jobs = workflow()["jobs"]
    overriding = {
        name: job
        for name, job in jobs.items()
        if "RUSTUP_TOOLCHAIN" in job.get("env", {})
    }
    assert list(overriding) == ["latest-rust"]
    job = overriding["latest-rust"]
    assert job["env"]["RUSTUP_TOOLCHAIN"] == "stable"  # not the pinned one
    steps = job["steps"]
    [install] = [
        i
        for i, step in enumerate(steps)
        if step.get("uses", "").startswith("dtolnay/rust-toolchain@")
    ]
    assert steps[install]["with"]["toolchain"] == "stable"
    runs = [i for i, step in enumerate(steps) if "run" in step]
    assert [steps[i]["run"] for i in runs] == ["scripts/test --examples"]
    assert install < runs[0]


def test_the_weekly_run_is_only_the_latest_rust_job():
    assert "schedule" in workflow()["on"]
    for name, job in workflow()["jobs"].items():
        if name == "latest-rust":
            assert "if" not in job
        elif name != "deploy":  # deploy runs on a push to main only
            assert job["if"] == "github.event_name != 'schedule'", name
    assert "github.event_name" in workflow()["concurrency"]["group"]


def test_the_examples_job_runs_the_exercises_and_their_decoys():
    """`scripts/test --examples`, the job on every platform, runs pytest on
    examples/, where the exercises' tests are."""
    script = (ROOT / "scripts" / "test").read_text(encoding="utf-8")
    examples_only = script.split("\nexamples)\n")[1].split(";;")[0]
    assert "python -m pytest --quiet examples" in examples_only
    assert (ROOT / "examples" / "test_exercises.py").is_file()
