"""Check the testable requirements of requirements.yaml against a small sample table.

Runs offline with the standard library only: python freshness_check.py
"""

import sqlite3
from datetime import datetime, timedelta

# The two thresholds from requirements.yaml (kept here so the lab needs no YAML library).
MAX_AGE_HOURS = 24
MIN_SHARE_WITH_REGION = 0.99

NOW = datetime(2024, 3, 11, 8, 30)  # a fixed "now", so the lab gives the same answer every time


def sample_orders(con: sqlite3.Connection) -> None:
    con.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, region TEXT, loaded_at TEXT)")
    rows = []
    for i in range(1, 201):
        region = None if i % 150 == 0 else ["north", "south", "east", "west"][i % 4]
        loaded = NOW - timedelta(hours=2 + i % 5)
        rows.append((i, region, loaded.isoformat()))
    con.executemany("INSERT INTO orders VALUES (?, ?, ?)", rows)


def main() -> None:
    con = sqlite3.connect(":memory:")
    sample_orders(con)
    newest = datetime.fromisoformat(con.execute("SELECT MAX(loaded_at) FROM orders").fetchone()[0])
    age_hours = (NOW - newest).total_seconds() / 3600
    total, with_region = con.execute("SELECT COUNT(*), COUNT(region) FROM orders").fetchone()
    share = with_region / total
    print(f"freshness: newest load is {age_hours:.1f} h old (limit {MAX_AGE_HOURS} h) ->",
          "pass" if age_hours <= MAX_AGE_HOURS else "FAIL")
    print(f"completeness: {share:.1%} of orders have a region (limit {MIN_SHARE_WITH_REGION:.0%}) ->",
          "pass" if share >= MIN_SHARE_WITH_REGION else "FAIL")


if __name__ == "__main__":
    main()
