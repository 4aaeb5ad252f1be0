"""Load orders_flat.csv into the star schema of schema.sql and query it.

Runs offline with the standard library only: python build_star.py
"""

import csv
import sqlite3
from datetime import date
from pathlib import Path

HERE = Path(__file__).parent


def build(con: sqlite3.Connection) -> None:
    con.executescript((HERE / "schema.sql").read_text(encoding="utf-8"))
    with open(HERE / "orders_flat.csv", newline="", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    for row in rows:
        con.execute("INSERT OR IGNORE INTO dim_customer (customer_id, country) VALUES (?, ?)",
                    (row["customer_id"], row["customer_country"]))
        con.execute("INSERT OR IGNORE INTO dim_product (sku, name, category) VALUES (?, ?, ?)",
                    (row["sku"], row["product_name"], row["category"]))
        day = date.fromisoformat(row["order_date"])
        date_key = int(day.strftime("%Y%m%d"))
        con.execute("INSERT OR IGNORE INTO dim_date VALUES (?, ?, ?)", (date_key, day.isoformat(), day.strftime("%A")))
        con.execute(
            """INSERT INTO fact_order_line
               SELECT ?, c.customer_key, p.product_key, ?, ?, ?
               FROM dim_customer c, dim_product p WHERE c.customer_id = ? AND p.sku = ?""",
            (row["order_id"], date_key, int(row["quantity"]), int(row["quantity"]) * float(row["unit_price"]),
             row["customer_id"], row["sku"]),
        )


def main() -> None:
    con = sqlite3.connect(":memory:")
    build(con)
    print("fact rows:", con.execute("SELECT COUNT(*) FROM fact_order_line").fetchone()[0])
    query = """
        SELECT c.country, p.category, ROUND(SUM(f.amount), 2) AS revenue
        FROM fact_order_line f
        JOIN dim_customer c USING (customer_key)
        JOIN dim_product p USING (product_key)
        GROUP BY c.country, p.category
        ORDER BY revenue DESC
    """
    for row in con.execute(query):
        print(row)


if __name__ == "__main__":
    main()
