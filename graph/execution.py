"""The execution context: Strawberry's, with an awaitability check memoized per type.

graphql-core asks of every value a resolver returns whether it is awaitable. Strawberry's
check answers quickly for built-in scalars; for anything else (our objects, record value
objects, enums, datetimes) it runs ``isinstance`` twice and ``hasattr(value, "__await__")``,
which on a pydantic model goes through its ``__getattr__`` and a raised AttributeError.
Whether ``await`` accepts an object depends on its type (the interpreter looks ``__await__``
up on the type), so a type found not awaitable is remembered; coroutines, generators and
futures are never remembered and are checked every time.
"""

from __future__ import annotations

from collections.abc import Awaitable
from types import CoroutineType, GeneratorType
from typing import Any, TypeGuard

from strawberry.execution import optimized_is_awaitable
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

_NOT_AWAITABLE: set[type] = set()


def is_awaitable(value: Any) -> TypeGuard[Awaitable[Any]]:
    kind = type(value)
    if kind in _NOT_AWAITABLE:
        return False
    if optimized_is_awaitable(value):
        return True
    if kind is not GeneratorType and kind is not CoroutineType and not hasattr(kind, "__await__"):
        _NOT_AWAITABLE.add(kind)
    return False


class HiregraphExecutionContext(StrawberryGraphQLCoreExecutionContext):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.is_awaitable = is_awaitable
