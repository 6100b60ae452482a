"""Keyword constructors for the bound value types: Job(id="T-1", duration=3600)."""


def install_keyword_constructors(*classes):
    for cls in classes:
        _install(cls)


def _install(cls):
    base_init = cls.__init__

    def __init__(self, **fields):
        base_init(self)
        for name, value in fields.items():
            if name.startswith("_") or not hasattr(self, name):
                raise TypeError(f"{cls.__name__} has no field {name!r}")
            setattr(self, name, value)

    __init__.__doc__ = f"{cls.__name__}(**fields): any of its attributes as keywords."
    cls.__init__ = __init__
