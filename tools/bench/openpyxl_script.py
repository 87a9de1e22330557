"""The whole-process baseline of the import (docs/design.md §6): the plain script anyone would
write, reading every sheet of every workbook in a folder with openpyxl into SQLite. It verifies
nothing; one transaction for the whole folder.

    python tools/bench/openpyxl_script.py FOLDER DB
"""

import json
import sqlite3
import sys
from pathlib import Path

from openpyxl import load_workbook


def main(folder: Path, db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE IF NOT EXISTS row (file TEXT, sheet TEXT, no INTEGER, cells TEXT)")
    for path in sorted(folder.glob("*.xlsx")):
        book = load_workbook(path, read_only=True, data_only=True)
        for sheet in book.worksheets:
            conn.executemany(
                "INSERT INTO row VALUES (?, ?, ?, ?)",
                (
                    (path.name, sheet.title, no, json.dumps(row, ensure_ascii=False, default=str))
                    for no, row in enumerate(sheet.iter_rows(values_only=True))
                ),
            )
        book.close()
    conn.commit()
    conn.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
