"""JSON pointers (RFC 6901) into the plan being edited: read, write, and follow a row move.

The plans services name every place in a plan by pointer (``/tasks/11/targets/0/value``):
problems, guesses and changes. The editor keeps its marks on the same pointers, so a row
inserted or removed shifts the pointers below it (``shifted``).
"""

from __future__ import annotations

from typing import Any, Final


class _Missing:
    """One marker, the same after a copy (the undo commands copy the values they keep)."""

    def __repr__(self) -> str:
        return "MISSING"

    def __copy__(self) -> _Missing:
        return self

    def __deepcopy__(self, _memo: dict[int, Any]) -> _Missing:
        return self


MISSING: Final = _Missing()  # an absent key: set it to delete the key


def parts(pointer: str) -> list[str]:
    if not pointer:
        return []
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]


def join(*items: object) -> str:
    return "".join("/" + str(i).replace("~", "~0").replace("/", "~1") for i in items)


def child(pointer: str, *items: object) -> str:
    return pointer + join(*items)


def parent(pointer: str) -> tuple[str, str]:
    """(the container's pointer, the last step)."""
    head, _, last = pointer.rpartition("/")
    return head, last.replace("~1", "/").replace("~0", "~")


def get(root: Any, pointer: str) -> Any:
    """The value at ``pointer``, or MISSING when a step is absent or not a container."""
    node = root
    for step in parts(pointer):
        if isinstance(node, dict):
            if step not in node:
                return MISSING
            node = node[step]
        elif isinstance(node, list) and step.isdigit() and int(step) < len(node):
            node = node[int(step)]
        else:
            return MISSING
    return node


def put(root: Any, pointer: str, value: Any) -> None:
    """Set the value at ``pointer`` (MISSING deletes a key); the container must exist."""
    head, last = parent(pointer)
    container = get(root, head)
    if isinstance(container, dict):
        if value is MISSING:
            container.pop(last, None)
        else:
            container[last] = value
    elif isinstance(container, list):
        container[int(last)] = value
    else:
        raise KeyError(pointer)


def items(root: Any, pointer: str) -> list[Any]:
    """The list at ``pointer`` (an empty one when it is absent or not a list)."""
    value = get(root, pointer)
    return value if isinstance(value, list) else []


def row_of(pointer: str, list_pointer: str) -> int | None:
    """The row of ``list_pointer`` that ``pointer`` lies in (or is), else None."""
    prefix = list_pointer + "/"
    if not pointer.startswith(prefix):
        return None
    step = pointer[len(prefix) :].split("/", 1)[0]
    return int(step) if step.isdigit() else None


def field_of(pointer: str, list_pointer: str) -> str | None:
    """The key of a row's field that ``pointer`` lies in (``name`` for ``…/3/name/x``)."""
    rest = parts(pointer)[len(parts(list_pointer)) :]
    return rest[1] if len(rest) >= 2 and rest[0].isdigit() else None


def shifted(pointer: str, list_pointer: str, index: int, delta: int) -> str | None:
    """``pointer`` after ``delta`` rows were inserted (1) or removed (-1) at ``index`` of the
    list at ``list_pointer``; None when it lay inside the removed row."""
    row = row_of(pointer, list_pointer)
    if row is None or row < index:
        return pointer
    if delta < 0 and row == index:
        return None
    rest = pointer[len(list_pointer) + 1 + len(str(row)) :]
    return f"{list_pointer}/{row + delta}{rest}"


def under(pointer: str, prefix: str) -> bool:
    """``pointer`` is ``prefix`` or lies inside it."""
    return pointer == prefix or pointer.startswith(prefix + "/")
