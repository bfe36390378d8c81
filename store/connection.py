"""Where the store lives: a SQLite file or a PostgreSQL database named by a ``postgresql://`` URL.

The Store writes one set of SQL statements, in the form both accept (``?`` and ``:name``
placeholders, ``ON CONFLICT`` upserts, ``RETURNING``); the connection classes here hold the few
differences: placeholders, how a write transaction begins, JSON fields, schema locking, column types
in the migrations and which errors are worth retrying. psycopg is imported only for URLs, so the
embedded SQLite store needs no PostgreSQL at all.
"""

from __future__ import annotations

import re
import sqlite3
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from oit.errors import UserError

DbRef = str | Path  # a SQLite file, or a PostgreSQL URL (always a str)

_URL_SCHEMES = ("postgresql://", "postgres://")


def is_db_url(text: object) -> bool:
    """True for a PostgreSQL URL, False for a SQLite file path."""
    return isinstance(text, str) and text.startswith(_URL_SCHEMES)


def db_ref(text: str) -> DbRef:
    """The ``--db`` value: a URL stays text, anything else is a path (argparse ``type=``)."""
    return text if is_db_url(text) else Path(text)


def describe_db(db: DbRef) -> str:
    """The database for messages and logs: the path, or the URL without its password."""
    if not is_db_url(db):
        return str(db)
    parts = urlsplit(str(db))
    if parts.password is None:
        return str(db)
    host = parts.hostname or ""
    netloc = f"{parts.username or ''}@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def db_name(db: DbRef) -> str:
    """A file name for what belongs to the database on this machine (lock, crawl logs): the SQLite
    file's name, or ``pg-HOST-PORT-DATABASE`` for a URL."""
    if not is_db_url(db):
        return Path(db).name
    parts = urlsplit(str(db))
    name = f"pg-{parts.hostname or 'local'}-{parts.port or 5432}-{parts.path.lstrip('/') or 'postgres'}"
    return re.sub(r"[^A-Za-z0-9_-]", "_", name)


def db_folder(db: DbRef) -> Path:
    """The local folder for the database's lock file and logs: beside a SQLite file; ``var/`` (as
    the default SQLite store) for a PostgreSQL database, which has no folder of its own here."""
    return Path("var") if is_db_url(db) else Path(db).parent


def db_exists(db: DbRef) -> bool:
    """A SQLite file exists, or the PostgreSQL server answers and the database has the schema."""
    if not is_db_url(db):
        return Path(db).exists()
    import psycopg

    try:
        with psycopg.connect(str(db), connect_timeout=10) as conn:
            return conn.execute("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()[0]  # type: ignore[index]
    except psycopg.OperationalError:
        return False


class Connection:
    """One connection to the store's database, in autocommit mode: transactions are explicit."""

    retryable: tuple[type[BaseException], ...] = ()  # errors after which the whole transaction may run again

    def execute(self, sql: str, params: Any = ()) -> Any:
        raise NotImplementedError

    def executemany(self, sql: str, rows: list) -> None:
        raise NotImplementedError

    def begin(self) -> None:
        """Begin a write transaction."""
        raise NotImplementedError

    def commit(self) -> None:
        self.execute("COMMIT")

    def rollback(self) -> None:
        self.execute("ROLLBACK")

    def lock_schema(self) -> None:
        """Inside a transaction: hold off other processes migrating the same database."""

    def lock_tables(self, *tables: str) -> None:
        """Inside a transaction: hold off other writers of these tables until it ends (a SQLite write
        transaction already holds the whole database)."""

    def ddl(self, statement: str) -> str:
        """A migration statement in this dialect."""
        return statement

    def json_text(self, column: str, key: str) -> str:
        """SQL for the text of a top-level field of a JSON column (NULL when missing)."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class SQLiteConnection(Connection):
    def __init__(self, path: Path):
        if sqlite3.sqlite_version_info < (3, 35):  # RETURNING; upserts need 3.24
            raise UserError(f"SQLite {sqlite3.sqlite_version} is too old for the store: 3.35 or newer is needed")
        path.parent.mkdir(parents=True, exist_ok=True)
        # BEGIN IMMEDIATE for every write transaction: a writer never has to upgrade a read lock,
        # which is what makes concurrent writers deadlock in SQLite.
        self._db = sqlite3.connect(path, timeout=60, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.execute("PRAGMA busy_timeout=60000")

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        return self._db.execute(sql, params)

    def executemany(self, sql: str, rows: list) -> None:
        self._db.executemany(sql, rows)

    def begin(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def json_text(self, column: str, key: str) -> str:
        return f"json_extract({column}, '$.{key}')"

    def close(self) -> None:
        self._db.close()


# A migration's SQLite-only words and their PostgreSQL equivalents. TEXT sorts by code point, as in
# SQLite, whatever the server's default collation ("fetch" is reserved in PostgreSQL: quoted).
_PG_DDL = [
    (re.compile(r"\bINTEGER PRIMARY KEY AUTOINCREMENT\b"), "INTEGER PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY"),
    (re.compile(r"\)\s*WITHOUT ROWID"), ")"),
    (re.compile(r"\bBLOB\b"), "BYTEA"),
    (re.compile(r"\bTEXT\b"), 'TEXT COLLATE "C"'),
    (re.compile(r"\bfetch\b"), '"fetch"'),
]

# A string literal, a ``?`` or ``:name`` placeholder (not a ``::`` cast), or a percent sign.
_PLACEHOLDER = re.compile(r"'(?:[^']|'')*'|\?|%|(?<![:\w]):([A-Za-z_]\w*)")

_SCHEMA_LOCK = 0x6F6974  # advisory lock key held while migrating ("oit")


@lru_cache(maxsize=512)
def pg_placeholders(sql: str) -> str:
    """SQLite placeholders (``?``, ``:name``) as psycopg's (``%s``, ``%(name)s``); ``%`` escaped."""

    def replace(match: re.Match[str]) -> str:
        text = match.group(0)
        if text == "?":
            return "%s"
        if match.group(1):
            return f"%({match.group(1)})s"
        return text.replace("%", "%%")

    return _PLACEHOLDER.sub(replace, sql)


class PostgresConnection(Connection):
    def __init__(self, url: str):
        import psycopg
        from psycopg import errors

        try:
            self._db = psycopg.connect(url, autocommit=True)
        except psycopg.OperationalError as exc:
            raise UserError(f"{describe_db(url)}: cannot connect: {str(exc).strip().splitlines()[0]}") from exc
        # Concurrent writers of shared rows (bodies, sites) may deadlock or, rarely, fail to serialise:
        # PostgreSQL aborts one of them, which then runs its transaction again.
        self.retryable = (errors.DeadlockDetected, errors.SerializationFailure)

    def execute(self, sql: str, params: Any = ()) -> Any:
        return self._db.execute(pg_placeholders(sql), params)

    def executemany(self, sql: str, rows: list) -> None:
        if rows:
            with self._db.cursor() as cursor:
                cursor.executemany(pg_placeholders(sql), rows)

    def begin(self) -> None:
        self._db.execute("BEGIN")

    def lock_schema(self) -> None:
        self._db.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))

    def lock_tables(self, *tables: str) -> None:
        self._db.execute(f"LOCK TABLE {', '.join(tables)} IN SHARE ROW EXCLUSIVE MODE")

    def ddl(self, statement: str) -> str:
        for pattern, replacement in _PG_DDL:
            statement = pattern.sub(replacement, statement)
        return statement

    def json_text(self, column: str, key: str) -> str:
        return f"(CAST({column} AS json) ->> '{key}')"

    def close(self) -> None:
        self._db.close()


def connect(db: DbRef) -> Connection:
    return PostgresConnection(str(db)) if is_db_url(db) else SQLiteConnection(Path(db))
