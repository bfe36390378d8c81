"""The isolated parser process: ``python -m documents.worker`` reads one JSON request on stdin,
parses the file under an address-space limit, and prints one JSON ``DocumentText`` on stdout.

The limit is set here, in the child, so it also binds the tools the parser starts (pdftotext,
pdftoppm, tesseract); the parent enforces the wall-clock limit by killing the process group.
"""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path

from documents.model import failed
from documents.parse import ParseOptions, parse_document
from documents.sniff import Kind
from oit.lifetime import die_with_parent
from store.records import DocumentStatus


def limit_memory(megabytes: int) -> None:
    limit = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def main() -> int:
    die_with_parent()  # a worker of a killed run has nobody to answer to
    request = json.loads(sys.stdin.read())
    limit_memory(request["memory_mb"])
    try:
        result = parse_document(Path(request["path"]), Kind(request["kind"]), ParseOptions(**request["options"]))
    except MemoryError:
        result = failed(DocumentStatus.TOO_LARGE, "parsing needed more memory than allowed")
    except Exception as exc:  # a parser bug on a hostile file must still yield a status
        result = failed(DocumentStatus.CORRUPT, f"parser error: {type(exc).__name__}: {exc}"[:300])
    sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
