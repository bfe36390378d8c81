"""Errors shown to users as one clear line, without a traceback."""


class UserError(Exception):
    """Bad input from the user (a file, an option): printed without a traceback, exit code 2."""
