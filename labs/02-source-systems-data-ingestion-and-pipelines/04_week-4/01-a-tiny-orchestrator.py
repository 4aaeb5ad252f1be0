"""Lab: a tiny orchestrator. Tasks are functions, dependencies a dictionary, runs are idempotent.

Runs offline with the standard library only: python 01-a-tiny-orchestrator.py
It runs the pipeline for three logical dates, then re-runs one date (a backfill) to show that
re-running a task replaces its own partition instead of adding duplicates.
"""

import sqlite3

con = sqlite3.connect(":memory:")
con.execute("CREATE TABLE orders (day TEXT, order_id INTEGER, amount REAL)")
con.execute("CREATE TABLE daily_revenue (day TEXT PRIMARY KEY, revenue REAL)")


def extract_orders(day: str) -> None:
    # Idempotent: delete this day's partition, then insert it again.
    con.execute("DELETE FROM orders WHERE day = ?", (day,))
    base = int(day[-2:])
    con.executemany("INSERT INTO orders VALUES (?, ?, ?)", [(day, base * 10 + i, 10.0 * i + base) for i in range(1, 4)])


def compute_revenue(day: str) -> None:
    con.execute(
        "INSERT OR REPLACE INTO daily_revenue SELECT day, SUM(amount) FROM orders WHERE day = ? GROUP BY day", (day,)
    )


def check_revenue(day: str) -> None:
    (revenue,) = con.execute("SELECT revenue FROM daily_revenue WHERE day = ?", (day,)).fetchone()
    if revenue <= 0:
        raise ValueError(f"revenue for {day} is not positive")


TASKS = {"extract_orders": extract_orders, "compute_revenue": compute_revenue, "check_revenue": check_revenue}
DEPENDS_ON = {"extract_orders": [], "compute_revenue": ["extract_orders"], "check_revenue": ["compute_revenue"]}


def run(day: str) -> list[str]:
    """Run every task once all its upstream tasks succeeded; return the order in which they ran."""
    done: list[str] = []
    while len(done) < len(TASKS):
        ready = [t for t in TASKS if t not in done and all(d in done for d in DEPENDS_ON[t])]
        if not ready:
            raise RuntimeError("the dependencies have a cycle")
        for task in ready:
            TASKS[task](day)
            done.append(task)
    return done


if __name__ == "__main__":
    for day in ["2024-03-01", "2024-03-02", "2024-03-03"]:
        print(day, "->", " then ".join(run(day)))
    run("2024-03-02")  # a backfill of one day
    print("orders after the backfill:", con.execute("SELECT COUNT(*) FROM orders").fetchone()[0], "(still 9)")
    for row in con.execute("SELECT * FROM daily_revenue ORDER BY day"):
        print(row)
