#!/usr/bin/python3
"""Writes the type stub of fsdispatch's C++ module, bindings/python/fsdispatch/_fsd.pyi.

The stub is read off the built module: pybind11 puts each function's
signature, with argument names and types, in the first line of its docstring
(`name(a: int, b: str = 'x') -> T`; overloads as a numbered list), and each
property's getter and setter carry theirs too. The pure-Python modules of the
package need no stub: mypy reads them directly.

Usage (from the repository root, after building the module):
    PYTHONPATH=build/release/python /usr/bin/python3 scripts/gen_python_stubs.py
    ... scripts/gen_python_stubs.py -o /tmp/_fsd.pyi     # write elsewhere (the drift test does)
Standard library only.
"""
import argparse
import importlib
import inspect
import re
import sys
from pathlib import Path

MODULE = "fsdispatch._fsd"
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "bindings" / "python" / "fsdispatch" / "_fsd.pyi"

HEADER = """\
# Type stub of fsdispatch's C++ module, generated from the built module by
# scripts/gen_python_stubs.py; do not edit by hand. Regenerate after changing a binding:
#   PYTHONPATH=build/release/python /usr/bin/python3 scripts/gen_python_stubs.py
# (tests/python/test_stubs.py fails when this file and the module disagree).
from typing import (Any, Callable, ClassVar, Dict, Iterable, Iterator, List, Optional, Sequence, Set, Tuple,
                    Union, overload)
"""

# Attributes a binding sets at run time, where no signature can show them:
# the exception translator in module.cpp gives every InputError its path.
RUNTIME_ATTRIBUTES = {"InputError": ["path: str"]}

# Members every pybind11 class carries that say nothing about the API.
SKIPPED_MEMBERS = {"__module__", "__doc__", "__dict__", "__weakref__", "__annotations__", "__entries__",
                   "_pybind11_conduit_v1_", "__members__", "__qualname__", "__entries"}

# Names pybind11 writes for Python types it cannot describe further.
LOOSE_TYPES = {
    "object": "Any", "handle": "Any", "capsule": "Any", "buffer": "Any", "args": "Any", "kwargs": "Any",
    "function": "Callable[..., Any]", "iterable": "Iterable[Any]", "iterator": "Iterator[Any]",
    "sequence": "Sequence[Any]", "bytearray": "bytearray", "slice": "slice",
}

BARE_GENERICS = {"dict": "Dict[Any, Any]", "list": "List[Any]", "tuple": "Tuple[Any, ...]", "set": "Set[Any]",
                 "Iterable": "Iterable[Any]", "Iterator": "Iterator[Any]", "Sequence": "Sequence[Any]",
                 "numpy.ndarray": "numpy.ndarray[Any, Any]"}


def outside_quotes(text, start=0):
    """Yields (index, character, bracket depth after it) for characters outside quotes
    (defaults can hold both brackets and quotes)."""
    depth, quote, i = 0, None, start
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = None
        elif c in "'\"":
            quote = c
        else:
            if c in "([{<":
                depth += 1
            elif c in ")]}>":
                depth -= 1
            yield i, c, depth
        i += 1


def split_top_level(text, separator=","):
    """Splits at `separator` outside brackets and quotes."""
    parts, start = [], 0
    for i, c, depth in outside_quotes(text):
        if depth == 0 and i >= start and c not in ")]}>" and text.startswith(separator, i):
            parts.append(text[start:i])
            start = i + len(separator)
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def closing_paren(text, open_index):
    """Index of the parenthesis closing the one at `open_index`."""
    for i, c, depth in outside_quotes(text, open_index):
        if c in ")]}>" and depth == 0:
            return i
    raise ValueError(f"unbalanced signature: {text}")


def python_type(cpp_text):
    """A pybind11 type name as a stub can write it."""
    t = cpp_text.strip().replace(MODULE + ".", "")
    if "::" in t or re.search(r"\bstd\b", t):
        return "Any"  # a C++ type without a binding: nothing better can be said
    # numpy arrays print their dtype in brackets, which numpy's own stubs do not accept.
    t = re.sub(r"numpy\.ndarray\[[^\]]*(\[[^\]]*\][^\]]*)*\]", "numpy.ndarray", t)
    for loose, replacement in LOOSE_TYPES.items():
        t = re.sub(r"(?<![\w.])" + re.escape(loose) + r"(?![\w.])", replacement, t)
    # A bare container says nothing of its items; writing so keeps the stub clean under mypy --strict.
    for bare, full in BARE_GENERICS.items():
        t = re.sub(r"(?<![\w.])" + re.escape(bare) + r"(?![\w.\[])", full, t)
    return t


class Signature:
    """One signature line of a pybind11 docstring."""

    def __init__(self, name, params, returns):
        self.name = name
        self.params = params  # list of (text as the stub writes it, name)
        self.returns = returns

    def render(self):
        return f"def {self.name}({', '.join(p for p, _ in self.params)}) -> {self.returns}: ..."


def parse_signature(line):
    """`name(a: int, b: str = 'x') -> T` as a Signature; None if the line is not one."""
    m = re.match(r"\s*(\w+)\(", line)
    if not m:
        return None
    end = closing_paren(line, m.end() - 1)
    rest = line[end + 1:].strip()
    returns = python_type(rest[2:]) if rest.startswith("->") else "None"
    params = []
    for raw in split_top_level(line[m.end():end]):
        if raw in ("*", "/"):
            params.append((raw, raw))
            continue
        default = None
        pieces = split_top_level(raw, " = ")
        if len(pieces) > 1:
            raw, default = pieces[0], pieces[1]
        name, _, annotation = raw.partition(":")
        name = name.strip()
        text = name
        if name != "self" and annotation.strip() and not name.startswith("*"):
            text += ": " + python_type(annotation)
        elif name.startswith("*") and annotation.strip():
            text += ": " + python_type(annotation)
        if default is not None:
            text += " = ..."
        params.append((text, name))
    return Signature(m.group(1), params, returns)


def signatures(obj, name):
    """Every signature the docstring of a pybind11 function states (several when overloaded).

    A function bound under a second name (an alias) states its first name;
    the stub writes the name it is reached by. Overloads that differ only in
    the type of self are one signature here.
    """
    doc = getattr(obj, "__doc__", None) or ""
    lines = doc.splitlines()
    if not lines:
        return []
    if "Overloaded function." in (line.strip() for line in lines[:2]):
        candidates = [m.group(1) for line in lines for m in [re.match(r"\d+\.\s+(\w+\(.*)$", line)] if m]
    else:
        candidates = [lines[0]]
    found, seen = [], set()
    for line in candidates:
        sig = parse_signature(line)
        if sig is None:
            continue
        sig.name = name
        if sig.render() not in seen:
            seen.add(sig.render())
            found.append(sig)
    return found


def getter_type(prop):
    """The type a pybind11 property's getter returns ("Any" when it does not say)."""
    doc = (prop.fget.__doc__ or "") if prop.fget else ""
    first = doc.splitlines()[0] if doc else ""
    m = re.match(r"\s*\(.*\)\s*->\s*(.+)$", first)
    return python_type(m.group(1)) if m else "Any"


def render_function(obj, name, indent, decorator=None, is_method=False):
    """A function or method with its overloads; a builtin without a signature takes anything."""
    out = []
    sigs = signatures(obj, name)
    if not sigs and name == "__init__":
        return []  # a class without a constructor: Python cannot create one
    if not sigs:
        params = "self, *args: Any, **kwargs: Any" if is_method else "*args: Any, **kwargs: Any"
        return [f"{indent}def {name}({params}) -> Any: ..."]
    for sig in sigs:
        if name == "__init__":
            sig.returns = "None"
        if name in ("__eq__", "__ne__") and len(sig.params) == 2:
            # As object's: mypy requires comparisons to accept any object.
            sig.params[1] = (sig.params[1][1] + ": object", sig.params[1][1])
        if len(sigs) > 1:
            out.append(f"{indent}@overload")
        if decorator:
            out.append(f"{indent}{decorator}")
        out.append(indent + sig.render())
    return out


def is_pybind_enum(cls):
    return isinstance(cls, type) and "__members__" in dir(cls) and hasattr(cls, "__entries__")


def render_class(name, cls):
    bases = [b for b in cls.__bases__ if b.__name__ not in ("pybind11_object", "object")]
    base_text = ", ".join(b.__name__ if b.__module__ in (MODULE, "builtins") else f"{b.__module__}.{b.__name__}"
                          for b in bases)
    out = [f"class {name}({base_text}):" if base_text else f"class {name}:"]
    body = list(RUNTIME_ATTRIBUTES.get(name, []))
    if is_pybind_enum(cls):
        for member in cls.__members__:
            body.append(f"{member}: ClassVar[{name}]")
    members = sorted(cls.__dict__.items(), key=lambda kv: (kv[0] != "__init__", kv[0]))
    for member, raw in members:
        if member in SKIPPED_MEMBERS or raw is None:  # __hash__ = None: unhashable, as object's default says
            continue
        if is_pybind_enum(cls) and member in cls.__members__:
            continue
        if isinstance(raw, property):
            kind = getter_type(raw)
            if raw.fset is None:
                body += ["@property", f"def {member}(self) -> {kind}: ..."]
            else:
                body.append(f"{member}: {kind}")
        elif isinstance(raw, staticmethod):
            body += render_function(raw.__func__, member, "", "@staticmethod")
        elif isinstance(raw, classmethod):
            body += render_function(raw.__func__, member, "", "@classmethod", True)
        elif callable(raw) or type(raw).__name__ == "instancemethod":
            body += render_function(getattr(cls, member), member, "", is_method=True)
        else:
            body.append(f"{member}: ClassVar[{type_name(raw)}]")
    if not body:
        body = ["..."]
    out += ["    " + line for line in body]
    return out


def type_name(value):
    kind = type(value)
    if kind.__module__ == MODULE:
        return kind.__name__
    if kind.__module__ == "builtins":
        return kind.__name__
    return "Any"


def generate(module):
    """The stub's text for `module`."""
    body = []
    for name in sorted(vars(module)):
        if name.startswith("__"):
            continue
        obj = getattr(module, name)
        if inspect.isclass(obj):
            body += [""] + render_class(name, obj)
        elif callable(obj):
            body += render_function(obj, name, "")
        elif inspect.ismodule(obj):
            continue
        else:
            body.append(f"{name}: {type_name(obj)}")
    text = "\n".join(body) + "\n"
    text += exported_names(module)
    imports = sorted({m for m in re.findall(r"(?<![\w.])([a-z_][a-z0-9_]*)\.[A-Za-z_]", text)
                      if m not in ("self",) and importable(m)})
    header = HEADER + "".join(f"import {m}\n" for m in imports)
    return header + "\n" + text


def exported_names(module):
    """`__all__` for the names fsdispatch takes from this module as they are.

    The package star-imports the module, then rebinds some names to Python
    functions of its own (`simulate`, `staff_field`, ...). At run time the
    later binding wins; a type checker keeps the first. Leaving the rebound
    names out of `__all__` makes mypy see what Python sees.
    """
    package = importlib.import_module(MODULE.rsplit(".", 1)[0])
    names = [n for n in sorted(vars(module)) if not n.startswith("_")
             and getattr(package, n, None) is getattr(module, n)]
    lines = ["", "# The names fsdispatch re-exports unchanged (it replaces the others with Python functions).",
             "__all__ = ["]
    lines += [f"    {n!r}," for n in names]
    return "\n".join(lines + ["]", ""])


def importable(name):
    try:
        importlib.import_module(name)
        return True
    except ImportError:
        return False


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUT, help="where to write (default: %(default)s)")
    args = parser.parse_args(argv)
    module = importlib.import_module(MODULE)
    args.output.write_text(generate(module))
    print(f"wrote {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
