"""Document metadata from ``manifest.json`` files (see corpus/README.md), with guesses for files not listed."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

KIND_HINTS = {"kamerbrief": "kamerbrief", "factsheet": "factsheet", "rapportage": "voortgangsrapportage",
              "voortgang": "voortgangsrapportage"}


def guess_kind(file_name: str) -> str:
    name = file_name.lower()
    return next((kind for hint, kind in KIND_HINTS.items() if hint in name), "onbekend")


@dataclass
class Manifest:
    entries: dict[Path, dict] = field(default_factory=dict)  # resolved file path -> entry
    errors: list[tuple[Path, str]] = field(default_factory=list)  # unreadable manifests: reported, not fatal

    @classmethod
    def for_paths(cls, paths: list[Path]) -> Manifest:
        """Reads ``manifest.json`` in each folder given, and beside each file given."""
        manifest = cls()
        folders = {p if p.is_dir() else p.parent for p in paths}
        for folder in folders:
            manifest.read(folder / "manifest.json")
        return manifest

    def read(self, path: Path) -> None:
        if not path.is_file():
            return
        try:
            docs = json.loads(path.read_text(encoding="utf-8")).get("documents", [])
        except (ValueError, AttributeError, OSError) as exc:
            self.errors.append((path, f"{path.name}: not a valid manifest, its metadata was not used ({exc})"))
            return
        for entry in docs:
            if isinstance(entry, dict) and entry.get("file"):
                self.entries[(path.parent / entry["file"]).resolve()] = {k: v for k, v in entry.items() if k != "file"}

    def entry(self, file: Path) -> dict:
        return self.entries.get(file.resolve(), {})
