#!/usr/bin/python3
"""Writes docs/python.md, the reference of the fsdispatch Python package, from the package itself.

Every class and function the package offers, with its signature, its fields
(with types) and the summary of its docstring: the C++ classes and functions
of fsdispatch._fsd as pybind11 states them, and the functions and classes the
pure-Python modules define. Nothing is written by hand here but the short
introduction, so the page cannot disagree with the package.

Usage (from the repository root, after building the module):
    PYTHONPATH=build/release/python /usr/bin/python3 scripts/gen_python_docs.py [-o docs/python.md]
Standard library only (the package's pandas parts are imported when pandas is there).
"""
import argparse
import importlib
import inspect
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen_python_stubs as stubs  # noqa: E402  (the signature parser is shared)

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "docs" / "python.md"

# The modules whose own definitions are documented, in the order of the page.
SUBMODULES = ["plan", "assign", "dispatch", "sla", "sim", "triage", "forecast", "desk", "roster", "field_staffing",
              "staffing_loop"]

INTRO = """\
# Python API reference (`fsdispatch`)

Generated from the package's signatures and docstrings by `scripts/gen_python_docs.py`; do not edit
by hand. After changing a binding or a docstring, rebuild and regenerate:

    PYTHONPATH=build/release/python /usr/bin/python3 scripts/gen_python_docs.py

`tests/python/test_stubs.py` fails when this page and the package disagree. The package is typed:
`fsdispatch/_fsd.pyi` describes the C++ module and `py.typed` tells type checkers to use it
(`python3 -m mypy your_script.py`). Instants are integer seconds (Unix time when the input had
ISO-8601 strings), durations seconds, distances metres, costs integers (docs/design.md, "Units").
Errors in the input raise `fsdispatch.InputError`, a `ValueError` whose `path` names the field.

## Conventions

- Attributes carry the JSON's names: `Break.time_windows`, `Step.id`, `Step.type`, `Step.distance`,
  `Route.engineer_id`, `Unassigned.job_id`. Where the JSON has an id and the attribute used to hold an
  index, the index keeps its old name (`Step.index`, `Route.engineer`, `Unassigned.job`) and has an
  `*_index` twin. Ids come from the problem a solution knows (`Solution.problem`, set by `solve`,
  `Solution.from_json` and unpickling). `Break.windows` is a deprecated alias for one release.
- Value types are built with keywords (`Job(id="T-1", duration=3600)`); small pairs stay positional
  (`TimeWindow(start, end)`, `Coordinates(lat, lon)`, `SkillLevel(skill, level)`).
- Where an instant is taken, integer seconds, an aware `datetime` and ISO-8601 text with an offset are
  accepted (such parameters show the type `object`); attributes hold integer seconds.
"""


def doc_text(obj):
    return inspect.getdoc(obj) or ""


def summary(obj):
    """The first paragraph of a docstring that is not a pybind11 signature line."""
    doc = doc_text(obj)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", doc) if p.strip()]
    for p in paragraphs:
        first = p.splitlines()[0].strip()
        if first == "Overloaded function.":
            continue
        if re.match(r"^(\d+\.\s+)?\w+\(.*\)\s*(->.*)?$", first) and len(p.splitlines()) == 1:
            continue  # a signature line
        return " ".join(line.strip() for line in p.splitlines())
    return ""


def clean_signature(text):
    """A pybind11 signature as a reader wants it: no module prefix, no self's type, enum defaults by name."""
    text = text.replace(stubs.MODULE + ".", "")
    text = re.sub(r"<(\w+\.\w+): -?\d+>", r"\1", text)
    text = re.sub(r"\bself: \w+(, )?", lambda m: "self" + (", " if m.group(1) else ""), text)
    text = re.sub(r"^(\w+)\(self, ", r"\1(", text)
    text = re.sub(r"^(\w+)\(self\)", r"\1()", text)
    return text


def pybind_signature_lines(obj, name):
    doc = getattr(obj, "__doc__", None) or ""
    lines = doc.splitlines()
    if not lines:
        return []
    if lines[0].strip() == "Overloaded function.":
        return [m.group(1) for line in lines[1:] for m in [re.match(r"\d+\.\s+(" + re.escape(name) + r"\(.*)$", line)]
                if m]
    return [lines[0]] if lines[0].startswith(name + "(") else []


def python_signature(obj, name):
    try:
        sig = str(inspect.signature(obj))
    except (TypeError, ValueError):
        return f"{name}(...)"
    sig = re.sub(r"^\(self, ", "(", sig)
    sig = re.sub(r"^\(self\)", "()", sig)
    return name + sig


def signature_lines(obj, name):
    lines = pybind_signature_lines(obj, name)
    if lines:
        return [clean_signature(line) for line in lines]
    return [python_signature(obj, name)]


def is_cpp(obj):
    return getattr(obj, "__module__", "") == stubs.MODULE or type(obj).__name__ in ("builtin_function_or_method",
                                                                                    "instancemethod")


def field_rows(cls):
    """(name, type, writable, summary) for every property of a class."""
    rows = []
    for name, raw in sorted(vars(cls).items()):
        if name.startswith("_") or not isinstance(raw, property):
            continue
        kind = stubs.getter_type(raw) if is_cpp(cls) else ""
        rows.append((name, kind, raw.fset is not None, summary(raw)))
    return rows


def method_rows(cls):
    rows = []
    for name, raw in sorted(vars(cls).items()):
        if name.startswith("_") and name not in ("__init__",):
            continue
        if isinstance(raw, property) or name == "__init__":
            continue
        target = getattr(cls, name, None)
        if not callable(target) and not isinstance(raw, (staticmethod, classmethod)):
            continue
        prefix = "static " if isinstance(raw, staticmethod) else ""
        rows.append((prefix, signature_lines(target, name), summary(target)))
    return rows


def escape_cell(text):
    return text.replace("|", "\\|")


def render_class(name, cls, qualified):
    out = [f"### `{qualified}`", ""]
    if issubclass(cls, BaseException):
        bases = ", ".join(b.__name__ for b in cls.__bases__)
        out += [f"An exception ({bases}). {summary(cls)}".strip(), ""]
        if name in stubs.RUNTIME_ATTRIBUTES:
            out += ["Attributes: " + ", ".join(f"`{a}`" for a in stubs.RUNTIME_ATTRIBUTES[name]), ""]
        return out
    if summary(cls):
        out += [summary(cls), ""]
    init = vars(cls).get("__init__")
    if init is not None:
        sigs = [re.sub(r"^__init__", name, s) for s in signature_lines(getattr(cls, "__init__"), "__init__")]
        out += ["```python"] + sigs + ["```", ""]
    if stubs.is_pybind_enum(cls):
        out += ["Values: " + ", ".join(f"`{m}`" for m in cls.__members__), ""]
    fields = field_rows(cls)
    if fields:
        out += ["| Field | Type | Description |", "| --- | --- | --- |"]
        for fname, kind, writable, text in fields:
            note = "" if writable or not is_cpp(cls) else "Read-only. "
            out.append(f"| `{fname}` | `{escape_cell(kind)}` | {escape_cell(note + text).strip()} |"
                       if kind else f"| `{fname}` | | {escape_cell(note + text).strip()} |")
        out.append("")
    methods = method_rows(cls)
    if methods and not stubs.is_pybind_enum(cls):
        out.append("Methods:")
        out.append("")
        for prefix, sigs, text in methods:
            shown = "; ".join(f"`{prefix}{s}`" for s in sigs)
            out.append(f"- {shown}" + (f" — {text}" if text else ""))
        out.append("")
    return out


def render_function(name, obj, qualified):
    sigs = signature_lines(obj, name)
    out = [f"### `{qualified}`", "", "```python"] + sigs + ["```", ""]
    if summary(obj):
        out += [summary(obj), ""]
    return out


def own_names(module, names=None):
    """The public names `module` defines itself (or lists in __all__)."""
    listed = getattr(module, "__all__", None)
    chosen = []
    for name in sorted(names if names is not None else vars(module)):
        if name.startswith("_"):
            continue
        obj = getattr(module, name, None)
        if obj is None or inspect.ismodule(obj):
            continue
        if listed is not None and name in listed:
            chosen.append(name)
        elif getattr(obj, "__module__", None) == module.__name__ and (inspect.isclass(obj) or callable(obj)):
            chosen.append(name)
    return chosen


def generate():
    package = importlib.import_module("fsdispatch")
    cpp = importlib.import_module(stubs.MODULE)
    # The top level: the C++ module's classes and functions and what __init__ defines.
    cpp_names = [n for n in sorted(vars(cpp)) if not n.startswith("_")]
    classes = [n for n in cpp_names if inspect.isclass(getattr(cpp, n))]
    functions = [n for n in cpp_names if not inspect.isclass(getattr(cpp, n)) and callable(getattr(cpp, n))]
    functions += [n for n in own_names(package) if n not in functions]
    # A name the package rebinds to a Python function is documented where that function lives.
    functions = [n for n in functions if getattr(package, n, None) is getattr(cpp, n, None) or not hasattr(cpp, n)]
    documented = {id(getattr(package, n)): n for n in classes + functions if hasattr(package, n)}
    sections = [("Classes", classes, cpp), ("Functions", sorted(functions), package)]
    for sub in SUBMODULES:
        try:
            module = importlib.import_module(f"fsdispatch.{sub}")
        except ModuleNotFoundError as missing:  # pandas or a layer left out of the build
            print(f"skipped fsdispatch.{sub}: {missing}", file=sys.stderr)
            continue
        names = [n for n in own_names(module) if id(getattr(module, n)) not in documented]
        sections.append((f"`fsdispatch.{sub}`", names, module))
        for n in names:
            documented.setdefault(id(getattr(module, n)), f"fsdispatch.{sub}.{n}")
    contents = ["## Contents", ""]
    body = []
    for title, names, module in sections:
        if not names:
            continue
        anchor = re.sub(r"[^a-z0-9 -]", "", title.lower()).replace(" ", "-")
        contents.append(f"- [{title}](#{anchor}): " + ", ".join(f"`{n}`" for n in names))
        body += [f"## {title}", ""]
        if module is not package and module is not cpp:
            if summary(module):
                body += [summary(module), ""]
        for name in names:
            obj = getattr(module, name)
            qualified = name if module in (package, cpp) else f"{module.__name__.split('.', 1)[1]}.{name}"
            part = render_class(name, obj, qualified) if inspect.isclass(obj) else render_function(name, obj, qualified)
            if module not in (package, cpp) and getattr(package, name, None) is obj:
                part[1:1] = ["", f"Also `fsdispatch.{name}`."]
            body += part
    return "\n".join([INTRO, "\n".join(contents), "", "\n".join(body)]).rstrip() + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUT, help="where to write (default: %(default)s)")
    args = parser.parse_args(argv)
    args.output.write_text(generate())
    print(f"wrote {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
