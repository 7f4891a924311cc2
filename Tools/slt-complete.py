#!/usr/bin/env python3
"""slt-complete: fills in the expected results of sqllogictest files from SQLite.

SQLTests/ must take its expected results from an oracle, never from Strata (STYLE.md section 5).
This script is that oracle's completion mode (sqllogictest's `--complete`): it runs every record
of a file, in order, against a fresh SQLite database and rewrites each query's result lines with
what SQLite returned, formatted as the reference runner prints them:

    NULL (any type letter)  NULL
    I                       sqlite3_column_int64        (asked of SQLite: CAST(? AS INTEGER))
    R                       sqlite3_snprintf "%.3f"     (asked of SQLite: printf('%.3f', ?))
    T                       sqlite3_column_text, cut at the first NUL byte; the empty string
                            prints "(empty)" and every byte outside ' '..'~' prints '@'
                            (REAL to text asked of SQLite: CAST(? AS TEXT))

then applies `rowsort` / `valuesort` (strcmp order) and `hash-threshold` (a single line
"N values hashing to MD5" when a result has more values than a non-zero threshold).

Statements are checked, not rewritten: `statement ok` must succeed, `statement error [REGEX]` must
fail and REGEX (the rest of the line, searched unanchored, as CONTRACT.md section 2 says) must match
SQLite's error message. Any mismatch, a query whose column count differs from its type string, or
a query that fails, is reported and the file is left untouched.

Labels: the oracle is `sqlite`. A record under `onlyif X` (X not sqlite) or `skipif sqlite` is
neither run nor changed; write those results by hand from CONTRACT.md. `halt` stops the run and
keeps the rest of the file as it is. `connection NAME` switches to another connection on the same
database file. The asynchronous records of CONTRACT.md section 3 cannot be completed against SQLite
and are refused unless they are skipped by a label.

Comment lines (starting with '#') and blank lines are kept where they are; the old results of a
query (the lines after "----") are replaced.

Usage:
    python3 Tools/slt-complete.py FILE...            rewrite each FILE in place
    python3 Tools/slt-complete.py --check FILE...    report files whose results differ; exit 1
    python3 Tools/slt-complete.py --stdout FILE      print the completed file

Needs Python 3 with the sqlite3 module; the SQLite version it links is printed with --version and
should be the one the project pins (3.40.1).
"""

import hashlib
import os
import re
import sqlite3
import sys
import tempfile

ORACLE_LABEL = "sqlite"


class CompletionError(Exception):
    """A record that SQLite disagrees with, or a file the script cannot complete."""


def is_blank(line):
    return line.strip() == ""


def is_comment(line):
    return line.startswith("#")


class Formatter:
    """Formats result values as the reference runner does, asking SQLite for its conversions."""

    def __init__(self):
        self.db = sqlite3.connect(":memory:")
        self.lossy = []  # text or blob values shown as I or R that are not plain numbers

    def _note_lossy(self, value, letter):
        if isinstance(value, (str, bytes)):
            text = value if isinstance(value, str) else value.decode("latin-1")
            if not re.fullmatch(r"\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*", text):
                self.lossy.append(f"{text!r} as {letter}")

    def _ask(self, sql, value):
        return self.db.execute(sql, (value,)).fetchone()[0]

    @staticmethod
    def _printable(raw):
        raw = raw.split(b"\x00", 1)[0]
        if not raw:
            return "(empty)"
        return "".join(chr(b) if 0x20 <= b <= 0x7E else "@" for b in raw)

    def format(self, value, letter):
        if value is None:
            return "NULL"
        if letter in ("I", "R"):
            self._note_lossy(value, letter)
        if letter == "I":
            if isinstance(value, int):
                return str(value)
            return str(self._ask("SELECT CAST(? AS INTEGER)", value))
        if letter == "R":
            return self._ask("SELECT printf('%.3f', ?)", value)
        if letter == "T":
            if isinstance(value, int):
                return str(value)
            if isinstance(value, float):
                return self._printable(self._ask("SELECT CAST(? AS TEXT)", value).encode())
            if isinstance(value, str):
                return self._printable(value.encode("utf-8", "surrogateescape"))
            return self._printable(bytes(value))
        raise CompletionError(f"unknown type letter {letter!r}")


class Completer:
    def __init__(self, path):
        self.path = path
        self.directory = tempfile.TemporaryDirectory(prefix="slt-complete-")
        self.database = os.path.join(self.directory.name, "test.db")
        self.connections = {}
        self.current = "default"
        self.hash_threshold = 0
        self.halted = False
        self.formatter = Formatter()

    def close(self):
        for connection in self.connections.values():
            connection.close()
        self.formatter.db.close()
        self.directory.cleanup()

    def connection(self):
        if self.current not in self.connections:
            # isolation_level=None: autocommit, so BEGIN/COMMIT in a file mean what they say.
            self.connections[self.current] = sqlite3.connect(self.database, isolation_level=None)
        return self.connections[self.current]

    def run(self, sql):
        """Runs sql to the end; returns (rows, column count, error message or None)."""
        try:
            cursor = self.connection().execute(sql)
            rows = cursor.fetchall()
            width = len(cursor.description) if cursor.description else 0
            return rows, width, None
        except (sqlite3.ProgrammingError, sqlite3.Warning) as error:
            # The Python module's own complaints (several statements in one record, ...).
            raise CompletionError(f"cannot run this record: {error}") from error
        except sqlite3.Error as error:
            return None, 0, str(error)

    # -- records ----------------------------------------------------------------------------

    def complete(self, lines):
        out = []
        i = 0
        while i < len(lines):
            if is_blank(lines[i]) or is_comment(lines[i]):
                out.append(lines[i])
                i += 1
                continue
            end = i
            while end < len(lines) and not is_blank(lines[end]):
                end += 1
            if self.halted:
                out.extend(lines[i:end])
            else:
                try:
                    out.extend(self.record(lines[i:end]))
                except CompletionError as error:
                    raise CompletionError(f"{self.path}:{i + 1}: {error}") from None
            i = end
        return out

    def record(self, lines):
        # Leading comments and skipif/onlyif lines, then the command line.
        index = 0
        runs = True
        while index < len(lines):
            line = lines[index]
            if is_comment(line):
                index += 1
                continue
            tokens = line.split()
            if tokens[0] in ("skipif", "onlyif"):
                label = tokens[1] if len(tokens) > 1 else ""
                if tokens[0] == "skipif" and label == ORACLE_LABEL:
                    runs = False
                if tokens[0] == "onlyif" and label != ORACLE_LABEL:
                    runs = False
                index += 1
                continue
            break
        if index >= len(lines):
            raise CompletionError("record has no command")
        if not runs:
            return lines
        header = lines[index]
        tokens = header.split()
        command = tokens[0]
        body = lines[index + 1:]

        if command == "statement":
            return self.statement(lines, header, tokens, body)
        if command == "query":
            return lines[:index] + self.query(header, tokens, body)
        if command == "hash-threshold":
            self.hash_threshold = int(tokens[1]) if len(tokens) > 1 else 0
            return lines
        if command == "halt":
            self.halted = True
            return lines
        if command == "connection":
            if len(tokens) < 2:
                raise CompletionError("connection needs a NAME")
            self.current = tokens[1]
            return lines
        if command in ("awaitstatement", "awaitquery"):
            raise CompletionError(f"{command} cannot be completed against SQLite; guard it with a label")
        raise CompletionError(f"unknown record type {command!r}")

    def statement(self, lines, header, tokens, body):
        if len(tokens) > 1 and tokens[1] == "async":
            raise CompletionError("statement async cannot be completed against SQLite; guard it with a label")
        if "----" in body:
            raise CompletionError("a statement has no results: remove its '----' line")
        sql = "\n".join(line for line in body if not is_comment(line))
        _, _, error = self.run(sql)
        if len(tokens) < 2 or tokens[1] not in ("ok", "error"):
            raise CompletionError("statement needs 'ok' or 'error'")
        if tokens[1] == "ok":
            if error is not None:
                raise CompletionError(f"statement ok failed in SQLite: {error}\n    {sql}")
            return lines
        pattern = re.sub(r"^\s*statement\s+error\s*", "", header).strip()
        if error is None:
            raise CompletionError(f"statement error succeeded in SQLite\n    {sql}")
        if pattern and not re.search(pattern, error):
            raise CompletionError(f"SQLite's message {error!r} does not match /{pattern}/\n    {sql}")
        return lines

    def query(self, header, tokens, body):
        if "async" in tokens:
            raise CompletionError("query async cannot be completed against SQLite; guard it with a label")
        if len(tokens) < 2:
            raise CompletionError("query is missing its type string")
        types = tokens[1]
        if any(letter not in "ITR" for letter in types):
            raise CompletionError(f"type string {types!r} may hold only I, T and R")
        sort_mode = tokens[2] if len(tokens) > 2 else "nosort"
        if sort_mode not in ("nosort", "rowsort", "valuesort"):
            raise CompletionError(f"unknown sort mode {sort_mode!r}")
        sql_lines = []
        for line in body:
            if line == "----":
                break
            sql_lines.append(line)
        sql = "\n".join(line for line in sql_lines if not is_comment(line))
        rows, width, error = self.run(sql)
        if error is not None:
            raise CompletionError(f"query failed in SQLite: {error}\n    {sql}")
        if width != len(types):
            raise CompletionError(f"query returns {width} columns but its type string is {types!r}\n    {sql}")
        values = [[self.formatter.format(value, types[c]) for c, value in enumerate(row)] for row in rows]
        for row in values:
            for value in row:
                if value.strip() == "" or value != value.rstrip() or value.startswith("#"):
                    # A blank line ends the record, a '#' line is a comment, trailing blanks get lost.
                    raise CompletionError(f"result value {value!r} cannot be written as a result line; "
                                          f"wrap it (quote(), '[' || x || ']')\n    {sql}")
        if self.formatter.lossy:
            # Legal (the reference runner converts), but usually a wrong type letter: say so.
            shown = ", ".join(self.formatter.lossy[:3])
            print(f"warning: {self.path}: non-numeric text converted: {shown}\n    {sql}", file=sys.stderr)
            self.formatter.lossy.clear()
        if sort_mode == "rowsort":
            values.sort()
            flat = [value for row in values for value in row]
        else:
            flat = [value for row in values for value in row]
            if sort_mode == "valuesort":
                flat.sort()
        if self.hash_threshold > 0 and len(flat) > self.hash_threshold:
            digest = hashlib.md5("".join(value + "\n" for value in flat).encode()).hexdigest()
            results = [f"{len(flat)} values hashing to {digest}"]
        else:
            results = flat
        return [header] + sql_lines + ["----"] + results


def complete_file(path):
    with open(path, encoding="utf-8") as file:
        text = file.read()
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    completer = Completer(path)
    try:
        out = completer.complete(lines)
    finally:
        completer.close()
    return text, "\n".join(out) + "\n"


def main(argv):
    mode = "write"
    paths = []
    for arg in argv:
        if arg == "--check":
            mode = "check"
        elif arg == "--stdout":
            mode = "stdout"
        elif arg == "--version":
            print(f"SQLite {sqlite3.sqlite_version}")
            return 0
        elif arg in ("-h", "--help"):
            print(__doc__)
            return 0
        else:
            paths.append(arg)
    if not paths:
        print("usage: slt-complete.py [--check | --stdout] FILE...", file=sys.stderr)
        return 2
    failed = 0
    for path in paths:
        try:
            old, new = complete_file(path)
        except CompletionError as error:
            print(f"error: {error}", file=sys.stderr)
            failed += 1
            continue
        if mode == "stdout":
            sys.stdout.write(new)
        elif mode == "check":
            if old != new:
                print(f"differs from SQLite {sqlite3.sqlite_version}: {path}", file=sys.stderr)
                failed += 1
        elif old != new:
            with open(path, "w", encoding="utf-8") as file:
                file.write(new)
            print(f"completed: {path}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
