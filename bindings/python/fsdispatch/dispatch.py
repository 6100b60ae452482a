"""Live dispatch: the LivePlan of the day and what its operations return.

Every method of LivePlan is defined in its C++ binding (bindings/python/src/dispatch.cpp);
this module only names the classes for ``from fsdispatch.dispatch import LivePlan``.
A LivePlan changes in place; every operation returns what changed. Use
``plan.copy()`` first to keep the old plan.
"""
from . import _fsd

LivePlan = _fsd.LivePlan
InsertResult = _fsd.InsertResult
ChangeSet = _fsd.ChangeSet

__all__ = ["LivePlan", "InsertResult", "ChangeSet"]
