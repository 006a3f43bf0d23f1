"""A container for the management key whose every textual form is masked."""

from __future__ import annotations

#: Shorter keys are refused when typed or saved, and never looked for in text: redacting a
#: one-character "key" would replace that character everywhere in a server's answer.
MIN_KEY_LENGTH = 8


def too_short(key: str) -> str | None:
    """Why ``key`` cannot be a key (typed or saved), or None when it is long enough."""
    if len(key) >= MIN_KEY_LENGTH:
        return None
    return (
        f"that is {len(key)} character(s), too short for a key (at least {MIN_KEY_LENGTH}; "
        "a management key is sk-or-v1- and 64 hex digits): paste the whole key"
    )


def mask_key(key: str) -> str:
    """A hint safe to show: the public prefix and the last four characters."""
    if len(key) < 12:
        return "…" if key else ""
    prefix = "sk-or-v1-" if key.startswith("sk-or-v1-") else key[:3]
    return f"{prefix}…{key[-4:]}"


class Secret:
    """Holds a key; ``str``/``repr``/``format`` never reveal it, only ``reveal()`` does.

    Textual renders crash tracebacks with local variables, so the key must only ever travel
    inside this object.
    """

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value.strip()

    def reveal(self) -> str:
        return self._value

    @property
    def hint(self) -> str:
        return mask_key(self._value)

    def __bool__(self) -> bool:
        return bool(self._value)

    def __repr__(self) -> str:
        return f"Secret({self.hint!r})"

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return repr(self)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __reduce__(self) -> tuple[object, ...]:
        raise TypeError("Secret cannot be pickled")

    @property
    def redactable(self) -> bool:
        """Long enough to look for in text (MIN_KEY_LENGTH characters or more)."""
        return len(self._value) >= MIN_KEY_LENGTH

    def redact(self, text: str) -> str:
        """Replace any occurrence of the key in ``text`` with its hint."""
        return text.replace(self._value, self.hint) if self.redactable else text
