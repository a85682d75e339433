"""The one protocol every importer follows: validate everything first, then write all-or-nothing.

An importer's `parse` reads and checks its files and returns a parsed batch, or raises
`ImportRejected` listing every problem (file, row, column, Dutch message). Only a batch without
problems reaches `write`, which the runner (`imports.services.import_execute`) calls inside one
database transaction. Importers register themselves with `register` so the CLI and `make run`
find them by source name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar

if TYPE_CHECKING:
    from .models import ImportRun

MAX_REPORTED_PROBLEMS = 200


@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong with the input, in words the uploader understands."""

    message: str
    file: str = ""
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.row is not None:
            where.append(f"regel {self.row}")
        if self.column:
            where.append(f"kolom '{self.column}'")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class ImportRejected(Exception):
    """The input is not accepted; nothing was written."""

    def __init__(self, problems: Sequence[ImportProblem], *, rows_read: int = 0) -> None:
        self.problems = list(problems)
        self.rows_read = rows_read
        super().__init__(self.report())

    def report(self) -> str:
        shown = self.problems[:MAX_REPORTED_PROBLEMS]
        lines = [f"De import is geweigerd: {len(self.problems)} probleem/problemen gevonden."]
        lines += [f"- {problem}" for problem in shown]
        if len(self.problems) > len(shown):
            lines.append(f"- ... en nog {len(self.problems) - len(shown)} problemen.")
        lines.append("Er is niets opgeslagen.")
        return "\n".join(lines)


@dataclass(frozen=True)
class ParsedBatch:
    """What `parse` hands to `write`: the validated records and how many rows were read."""

    records: Any
    rows_read: int


@dataclass(frozen=True)
class WriteResult:
    """What `write` did: records accepted, and notes worth showing (e.g. unmatched names)."""

    accepted: int
    notes: tuple[str, ...] = ()


Progress = Callable[[Iterable[Any], int, str], Iterable[Any]]


def no_progress(items: Iterable[Any], total: int, description: str) -> Iterable[Any]:
    return items


class Importer(Protocol):
    source: ClassVar[str]
    label: ClassVar[str]
    # Sources that must have been imported before this one (for `make run`'s ordering).
    depends_on: ClassVar[tuple[str, ...]]

    def default_paths(self, data_dir: Path) -> list[Path]: ...

    def parse(self, paths: Sequence[Path]) -> ParsedBatch: ...

    def write(self, batch: ParsedBatch, *, progress: Progress, run: ImportRun) -> WriteResult:
        """Write the batch inside the runner's transaction; raise ImportRejected to undo it."""
        ...


_REGISTRY: dict[str, type[Importer]] = {}

ImporterClass = TypeVar("ImporterClass", bound=type[Importer])


def register(cls: ImporterClass) -> ImporterClass:
    if cls.source in _REGISTRY and _REGISTRY[cls.source] is not cls:
        raise ValueError(f"Importer source {cls.source!r} is registered twice")
    _REGISTRY[cls.source] = cls
    return cls


def importer_for(source: str) -> Importer:
    try:
        return _REGISTRY[source]()
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise ImportRejected(
            [ImportProblem(f"Onbekende bron '{source}'. Bekende bronnen: {known}.")]
        ) from None


def registered_sources(*, include_on_demand: bool = False) -> list[str]:
    """All sources, each after the sources it depends on. On-demand importers (uploads, live
    downloads) need a file or a network and are left out unless asked for."""
    ordered: list[str] = []

    def visit(source: str, trail: tuple[str, ...]) -> None:
        if source in ordered:
            return
        if source in trail:
            raise ValueError(f"Import dependency cycle: {' -> '.join((*trail, source))}")
        for dependency in _REGISTRY[source].depends_on:
            visit(dependency, (*trail, source))
        ordered.append(source)

    for source in sorted(_REGISTRY):
        visit(source, ())
    if include_on_demand:
        return ordered
    return [source for source in ordered if not getattr(_REGISTRY[source], "on_demand", False)]
