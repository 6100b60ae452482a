"""The package's typing and its reference page agree with the built module.

The checked-in stub (bindings/python/fsdispatch/_fsd.pyi) and docs/python.md are
generated from the module; these tests regenerate both and fail with the
difference and the command that brings them up to date. mypy (Debian's
python3-mypy) then type-checks the examples against the stub, and a script
with a wrong attribute and a wrong keyword must fail it.
"""
import difflib
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

import fsdispatch

from conftest import ROOT

BUILT_PACKAGE = Path(fsdispatch.__file__).resolve().parent
BUILT_ROOT = BUILT_PACKAGE.parent  # what PYTHONPATH points at
PYTHON = "/usr/bin/python3" if Path("/usr/bin/python3").exists() else sys.executable

MYPY_CONFIG = """\
[mypy]
# pandas, matplotlib and tqdm ship no type information in Debian 12.
ignore_missing_imports = True
# Errors are reported in the scripts checked, not in the package they use.
follow_imports = silent
check_untyped_defs = True
# Moderate strictness: an empty list or dict without an annotation is fine in an example.
disable_error_code = var-annotated
"""


def regenerate(script, tmp_path, name):
    out = tmp_path / name
    env = dict(os.environ, PYTHONPATH=str(BUILT_ROOT))
    result = subprocess.run([PYTHON, str(ROOT / "scripts" / script), "-o", str(out)], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return out.read_text()


def assert_same(checked_in, fresh, script):
    if checked_in.read_text() == fresh:
        return
    diff = "".join(difflib.unified_diff(checked_in.read_text().splitlines(True), fresh.splitlines(True),
                                        str(checked_in.relative_to(ROOT)), "regenerated", n=1))
    lines = diff.splitlines()
    shown = "\n".join(lines[:80]) + (f"\n... {len(lines) - 80} more lines" if len(lines) > 80 else "")
    pytest.fail(f"{checked_in.relative_to(ROOT)} is out of date with the built module; regenerate it with\n"
                f"  PYTHONPATH=build/release/python /usr/bin/python3 scripts/{script}\n{shown}")


def test_the_stub_matches_the_built_module(tmp_path):
    fresh = regenerate("gen_python_stubs.py", tmp_path, "_fsd.pyi")
    assert_same(ROOT / "bindings" / "python" / "fsdispatch" / "_fsd.pyi", fresh, "gen_python_stubs.py")


def test_the_python_reference_matches_the_package(tmp_path):
    fresh = regenerate("gen_python_docs.py", tmp_path, "python.md")
    assert_same(ROOT / "docs" / "python.md", fresh, "gen_python_docs.py")


def test_the_package_ships_its_types():
    for name in ("py.typed", "_fsd.pyi"):
        assert (ROOT / "bindings" / "python" / "fsdispatch" / name).is_file(), name
        assert (BUILT_PACKAGE / name).is_file(), f"the built package lacks {name}"


def mypy(paths, tmp_path):
    if importlib.util.find_spec("mypy") is None:
        pytest.fail("mypy is missing: install Debian's python3-mypy (scripts/setup lists it)")
    config = tmp_path / "mypy.ini"
    config.write_text(MYPY_CONFIG)
    # The cache sits beside the built package, so the second run takes a second or two.
    cache = BUILT_ROOT.parent / "mypy-cache"
    env = dict(os.environ, MYPYPATH=str(BUILT_ROOT))
    return subprocess.run([PYTHON, "-m", "mypy", "--config-file", str(config), "--cache-dir", str(cache),
                           "--no-error-summary", "--hide-error-context", *map(str, paths)],
                          env=env, capture_output=True, text=True, timeout=600)


def test_the_examples_type_check(tmp_path):
    examples = sorted((ROOT / "examples" / "python").glob("*.py"))
    assert examples
    result = mypy(examples, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_refuses_an_unknown_attribute_and_a_wrong_keyword(tmp_path):
    script = tmp_path / "wrong_use.py"
    script.write_text(
        "import fsdispatch as fsd\n"
        "problem = fsd.Problem.from_json('{}')\n"
        "problem.no_such_method()\n"
        "fsd.verify(problem, plan=None, strictly=True)\n")
    result = mypy([script], tmp_path)
    assert result.returncode != 0
    assert '"Problem" has no attribute "no_such_method"' in result.stdout
    assert 'Unexpected keyword argument "strictly"' in result.stdout


def test_the_signature_reader_handles_quotes_brackets_and_overloads():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import gen_python_stubs as stubs
    finally:
        sys.path.pop(0)
    sig = stubs.parse_signature(
        "f(self: fsdispatch._fsd.Job, sep: str = ', ', pairs: List[Tuple[int, str]] = [(1, 'a,b')], *, "
        "algorithm: fsdispatch._fsd.StepKind = <StepKind.job: 1>, hook: Callable[[int], None] = None) "
        "-> Dict[str, int]")
    assert sig.render() == ("def f(self, sep: str = ..., pairs: List[Tuple[int, str]] = ..., *, "
                            "algorithm: StepKind = ..., hook: Callable[[int], None] = ...) -> Dict[str, int]: ...")

    class Overloaded:
        __doc__ = ("alias(*args, **kwargs)\nOverloaded function.\n\n1. first(self: handle) -> str\n\n"
                   "2. first(self: fsdispatch._fsd.Job) -> str\n\n"
                   "3. first(self: object, n: int) -> numpy.ndarray[numpy.int32]\n")
    found = [s.render() for s in stubs.signatures(Overloaded, "alias")]
    assert found == ["def alias(self) -> str: ...", "def alias(self, n: int) -> numpy.ndarray[Any, Any]: ..."]
    assert stubs.python_type("std::vector<std::string>") == "Any"
    assert stubs.python_type("object") == "Any"
    assert stubs.python_type("List[dict]") == "List[Dict[Any, Any]]"
