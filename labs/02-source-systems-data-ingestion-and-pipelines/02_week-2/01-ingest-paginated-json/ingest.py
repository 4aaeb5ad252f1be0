"""Follow the pages of a saved API response and load the orders into SQLite, idempotently.

Runs offline with the standard library only: python ingest.py
"""

import json
import sqlite3
from pathlib import Path

PAGES = Path(__file__).parent / "pages"


def pages(first: str = "page-1.json"):
    """Yield each page in order, following the API's "next" links."""
    name = first
    while name:
        page = json.loads((PAGES / name).read_text(encoding="utf-8"))
        yield name, page
        name = page.get("next")


def load(con: sqlite3.Connection) -> int:
    con.execute("CREATE TABLE IF NOT EXISTS raw_pages (name TEXT PRIMARY KEY, body TEXT)")
    con.execute(
        "CREATE TABLE IF NOT EXISTS orders (order_id INTEGER PRIMARY KEY, customer TEXT, amount REAL, created TEXT)"
    )
    before = con.execute("SELECT COUNT(*) FROM orders").fetchone()[0]
    for name, page in pages():
        con.execute("INSERT OR REPLACE INTO raw_pages VALUES (?, ?)", (name, json.dumps(page)))
        con.executemany(
            "INSERT OR REPLACE INTO orders VALUES (:order_id, :customer, :amount, :created)", page["data"]
        )
    con.commit()
    return con.execute("SELECT COUNT(*) FROM orders").fetchone()[0] - before


def main() -> None:
    con = sqlite3.connect(":memory:")
    print("first run loaded", load(con), "new orders")
    print("second run loaded", load(con), "new orders")
    for row in con.execute("SELECT customer, COUNT(*), SUM(amount) FROM orders GROUP BY customer ORDER BY customer"):
        print(row)


if __name__ == "__main__":
    main()
