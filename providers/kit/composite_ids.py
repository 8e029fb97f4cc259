"""Ids an adapter composes for records its provider resolves only under a parent (a note
under an opportunity, a question in a posting's form): ``"{parent}:{own}"``, from which a read
by id finds the parent to read again."""

from __future__ import annotations


def child_id(parent_id: str, own_id: str) -> str:
    return f"{parent_id}:{own_id}"


def split_child_id(value: str) -> tuple[str, str] | None:
    """``"{parent}:{own}"`` -> (parent, own), split at the first ``:``; None for an id not
    so composed (no ``:``, or an empty part)."""
    parent, sep, own = value.partition(":")
    return (parent, own) if sep and parent and own else None
