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
