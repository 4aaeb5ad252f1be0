"""The offline copy of a built site as one deterministic zip: sorted entries, fixed timestamps."""

from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path

FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def write_zip(folder: Path, zip_path: Path, prefix: str = "site") -> Path:
    """Zip ``folder`` into ``zip_path`` (under a top folder ``prefix``), atomically."""
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=zip_path.parent, prefix=f".{zip_path.name}-", suffix=".tmp")
    os.close(handle)
    try:
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                info = zipfile.ZipInfo(f"{prefix}/{path.relative_to(folder).as_posix()}", date_time=FIXED_TIME)
                info.external_attr = 0o644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes())
        os.chmod(temporary, 0o644)
        os.replace(temporary, zip_path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return zip_path
