"""Original plain-file lab solutions for the bundled sample (written for coursesite): path -> content."""

FILES = {
    # -- Course 1, week 2: a folder lab ------------------------------------------------------------
    "01-introduction-to-data-engineering/week-2/01-turn-requests-into-requirements/README.md": """\
# Lab: Turn a request into requirements

A sales manager asked for "a dashboard of all orders". After a conversation, we know what she decides
with it: every Monday she moves stock between warehouses based on last week's sales by region.

1. Read `requirements.yaml`: the request written as functional and non-functional requirements.
2. Run `python freshness_check.py`: it builds a tiny orders table in SQLite and checks the
   requirements that can be tested automatically (freshness and completeness).
3. Change `max_age_hours` in the YAML file and think about what it would cost to meet.
""",
    "01-introduction-to-data-engineering/week-2/01-turn-requests-into-requirements/requirements.yaml": """\
# Requirements for the weekly regional sales table, agreed with the sales manager.
dataset: weekly_sales_by_region
owner: data-engineering
consumers:
  - sales-operations
decision: Move stock between warehouses every Monday.
functional:
  - Sum revenue and units by region and product for the previous ISO week.
  - Include cancelled orders as a separate column, not in revenue.
non_functional:
  ready_by: "Monday 09:00 Europe/Madrid"
  max_age_hours: 24
  completeness:
    min_share_of_orders_with_region: 0.99
  on_failure: Alert the on-call data engineer; do not publish partial weeks.
""",
    "01-introduction-to-data-engineering/week-2/01-turn-requests-into-requirements/freshness_check.py": '''\
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
''',
    # -- Course 2, week 2: ingest paginated JSON, and a standalone SQL lab ------------------------------
    "02-source-systems-data-ingestion-and-pipelines/02_week-2/01-ingest-paginated-json/README.md": """\
# Lab: Ingest a paginated API response

APIs return results page by page. The folder `pages/` holds two pages saved from an imaginary
orders API, exactly as it answered. `ingest.py` reads them in order, following the `next` field,
keeps the raw responses, and loads the orders into SQLite.

Run it twice: the second run loads nothing new, because the load is **idempotent**
(`INSERT OR REPLACE` on the order id).

```bash
python ingest.py
```
""",
    "02-source-systems-data-ingestion-and-pipelines/02_week-2/01-ingest-paginated-json/pages/page-1.json": """\
{
  "data": [
    {"order_id": 101, "customer": "c-17", "amount": 42.5, "created": "2024-03-04T09:12:00Z"},
    {"order_id": 102, "customer": "c-03", "amount": 18.0, "created": "2024-03-04T09:40:00Z"},
    {"order_id": 103, "customer": "c-17", "amount": 7.25, "created": "2024-03-04T10:05:00Z"}
  ],
  "next": "page-2.json"
}
""",
    "02-source-systems-data-ingestion-and-pipelines/02_week-2/01-ingest-paginated-json/pages/page-2.json": """\
{
  "data": [
    {"order_id": 104, "customer": "c-21", "amount": 99.9, "created": "2024-03-04T11:30:00Z"},
    {"order_id": 105, "customer": "c-03", "amount": 15.0, "created": "2024-03-04T12:02:00Z"}
  ],
  "next": null
}
""",
    "02-source-systems-data-ingestion-and-pipelines/02_week-2/01-ingest-paginated-json/ingest.py": '''\
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
''',
    "02-source-systems-data-ingestion-and-pipelines/02_week-2/02-clean-signups-with-elt.sql": """\
-- Lab: the same cleaning rule as ELT, in SQL that runs in SQLite (sqlite3 lab.db < 02-clean-signups-with-elt.sql).
-- Raw rows are loaded as they arrived; the clean view applies the rules, so changing a rule later
-- re-computes all history without asking the source again.

CREATE TABLE raw_signups (
    signup_id  INTEGER PRIMARY KEY,
    email      TEXT,
    country    TEXT,
    signed_up  TEXT
);

INSERT INTO raw_signups VALUES
    (1, 'Ana@Example.org ', 'es', '2024-03-01'),
    (2, 'ben@example.org',  'NG', '2024-03-01'),
    (3, 'not-an-email',     'fr', '2024-03-02'),
    (4, 'chen@example.org', NULL, '2024-03-02');

-- The transformation: trimmed lower-case emails, upper-case country codes, invalid emails flagged.
CREATE VIEW clean_signups AS
SELECT
    signup_id,
    LOWER(TRIM(email))                                   AS email,
    SUBSTR(LOWER(TRIM(email)), INSTR(LOWER(TRIM(email)), '@') + 1) AS email_domain,
    UPPER(COALESCE(country, 'unknown'))                  AS country,
    DATE(signed_up)                                      AS signed_up,
    INSTR(email, '@') > 0                                AS email_is_valid
FROM raw_signups;

SELECT * FROM clean_signups WHERE email_is_valid ORDER BY signup_id;
SELECT country, COUNT(*) AS signups FROM clean_signups GROUP BY country ORDER BY country;
""",
    # -- Course 2, week 3: infrastructure as code -------------------------------------------------------
    "02-source-systems-data-ingestion-and-pipelines/03_week-3/02-infrastructure-as-code/README.md": """\
# Lab: Describe a landing zone as code

`main.tf` describes the storage of a small pipeline: a bucket for raw data with versioning and
encryption, a lifecycle rule that moves old raw files to cheaper storage, and a read-only role for
analysts. Nothing here is applied: read it, run `terraform fmt -check` and `terraform validate` if you
have Terraform, and answer:

1. Which resource would you change to keep raw data for two years instead of one?
2. Why is the analysts' role read-only, and on which prefix?
""",
    "02-source-systems-data-ingestion-and-pipelines/03_week-3/02-infrastructure-as-code/variables.tf": """\
variable "project" {
  description = "Short name used as a prefix for every resource."
  type        = string
  default     = "orders-pipeline"
}

variable "raw_retention_days" {
  description = "How long raw files are kept before they expire."
  type        = number
  default     = 365
}
""",
    "02-source-systems-data-ingestion-and-pipelines/03_week-3/02-infrastructure-as-code/main.tf": """\
terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

# Raw landing zone: files arrive here exactly as the sources sent them.
resource "aws_s3_bucket" "raw" {
  bucket = "${var.project}-raw"
}

resource "aws_s3_bucket_versioning" "raw" {
  bucket = aws_s3_bucket.raw.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "raw" {
  bucket = aws_s3_bucket.raw.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

# Old raw files move to cheaper storage after 30 days and expire after the retention period.
resource "aws_s3_bucket_lifecycle_configuration" "raw" {
  bucket = aws_s3_bucket.raw.id
  rule {
    id     = "age-out-raw-files"
    status = "Enabled"
    filter {}
    transition {
      days          = 30
      storage_class = "STANDARD_IA"
    }
    expiration {
      days = var.raw_retention_days
    }
  }
}

# Analysts may read the curated prefix only.
data "aws_iam_policy_document" "analysts_read" {
  statement {
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = [aws_s3_bucket.raw.arn, "${aws_s3_bucket.raw.arn}/curated/*"]
  }
}

resource "aws_iam_policy" "analysts_read" {
  name   = "${var.project}-analysts-read"
  policy = data.aws_iam_policy_document.analysts_read.json
}
""",
    # -- Course 2, week 4: a standalone Python lab and its pipeline description --------------------------
    "02-source-systems-data-ingestion-and-pipelines/04_week-4/01-a-tiny-orchestrator.py": '''\
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
''',
    "02-source-systems-data-ingestion-and-pipelines/04_week-4/02-pipeline.yaml": """\
# Lab: the orchestrator's pipeline written as configuration instead of code.
# Each task names what it depends on; the schedule passes a logical date to every run.
pipeline: daily_revenue
schedule: "0 6 * * *"        # every day at 06:00
start_date: 2024-03-01
catchup: true                # run missed days (a backfill) when the pipeline is enabled
retries:
  count: 3
  delay_minutes: 5
tasks:
  extract_orders:
    depends_on: []
    writes: orders/day={{ logical_date }}
  compute_revenue:
    depends_on: [extract_orders]
    writes: daily_revenue/day={{ logical_date }}
  check_revenue:
    depends_on: [compute_revenue]
    blocking: true
""",
    # -- Course 4, week 1: build a star schema --------------------------------------------------------
    "04-data-modeling-transformation-and-serving/Week 1/01-build-a-star-schema/README.md": """\
# Lab: Build a star schema

`orders_flat.csv` is an export with one row per order line and every attribute repeated. We turn it
into a star schema: one fact table at the grain of **one order line**, and dimensions for customers,
products and dates.

1. Read `schema.sql`: the tables and their keys.
2. Run `python build_star.py`: it creates the schema in SQLite, loads the CSV into it, and answers
   "revenue by country and category" with a query over the star.
3. Add a `dim_store` dimension: which columns of the CSV would it take?
""",
    "04-data-modeling-transformation-and-serving/Week 1/01-build-a-star-schema/schema.sql": """\
-- Star schema for order lines. Grain of fact_order_line: one row per product in an order.
CREATE TABLE dim_customer (
    customer_key  INTEGER PRIMARY KEY,
    customer_id   TEXT NOT NULL UNIQUE,
    country       TEXT NOT NULL
);

CREATE TABLE dim_product (
    product_key   INTEGER PRIMARY KEY,
    sku           TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    category      TEXT NOT NULL
);

CREATE TABLE dim_date (
    date_key      INTEGER PRIMARY KEY,   -- yyyymmdd
    date          TEXT NOT NULL,
    weekday       TEXT NOT NULL
);

CREATE TABLE fact_order_line (
    order_id      TEXT NOT NULL,
    customer_key  INTEGER NOT NULL REFERENCES dim_customer (customer_key),
    product_key   INTEGER NOT NULL REFERENCES dim_product (product_key),
    date_key      INTEGER NOT NULL REFERENCES dim_date (date_key),
    quantity      INTEGER NOT NULL CHECK (quantity > 0),
    amount        REAL NOT NULL,
    PRIMARY KEY (order_id, product_key)
);
""",
    "04-data-modeling-transformation-and-serving/Week 1/01-build-a-star-schema/orders_flat.csv": """\
order_id,order_date,customer_id,customer_country,sku,product_name,category,quantity,unit_price
o-1,2024-03-04,c-1,ES,sku-10,Trail shoes,footwear,1,89.90
o-1,2024-03-04,c-1,ES,sku-22,Running socks,clothing,3,7.50
o-2,2024-03-04,c-2,FR,sku-10,Trail shoes,footwear,2,89.90
o-3,2024-03-05,c-3,DE,sku-31,Headlamp,equipment,1,34.00
o-3,2024-03-05,c-3,DE,sku-22,Running socks,clothing,2,7.50
o-4,2024-03-06,c-1,ES,sku-31,Headlamp,equipment,1,34.00
o-5,2024-03-06,c-4,FR,sku-45,Water bottle,equipment,4,12.00
""",
    "04-data-modeling-transformation-and-serving/Week 1/01-build-a-star-schema/build_star.py": '''\
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
''',
}
