"""Original notebook lab solutions for the bundled sample (written for coursesite).

Each notebook is a list of cells: ("md", text) or ("py", code). scripts/make_sample_labs.py writes and
executes them. They need only the standard library, pandas and matplotlib.
"""

SETUP_PLOTS = "%matplotlib inline\nimport matplotlib.pyplot as plt\nplt.rcParams.update({'figure.figsize': (6, 3), 'figure.dpi': 80})"

NOTEBOOKS = {
    "01-introduction-to-data-engineering/week-1/01-explore-an-orders-dataset.ipynb": [
        (
            "md",
            "# Lab: Explore an orders dataset\n\nBefore building any pipeline, a data engineer looks at the data. "
            "In this lab we generate a small, realistic orders table, inspect it, and answer a first business "
            "question: **which region brings the most revenue?**",
        ),
        (
            "py",
            "import random\nimport pandas as pd\n\nrandom.seed(7)\nregions = ['north', 'south', 'east', 'west']\n"
            "products = {'notebook': 4.5, 'pen': 1.2, 'backpack': 32.0, 'lamp': 18.9}\n\nrows = []\n"
            "for order_id in range(1, 201):\n    product = random.choice(list(products))\n"
            "    rows.append({\n        'order_id': order_id,\n        'region': random.choice(regions),\n"
            "        'product': product,\n        'quantity': random.randint(1, 5),\n"
            "        'unit_price': products[product],\n    })\n\norders = pd.DataFrame(rows)\norders.head()",
        ),
        (
            "md",
            "## Check the shape and the types\n\nAlways check how many rows you have and whether each column has "
            "the type you expect.",
        ),
        ("py", "print(orders.shape)\nprint(orders.dtypes)"),
        ("md", "## Revenue by region\n\nRevenue is quantity times unit price. We add it as a column, then group."),
        (
            "py",
            "orders['revenue'] = orders['quantity'] * orders['unit_price']\n"
            "by_region = orders.groupby('region', as_index=False)['revenue'].sum().sort_values('revenue', ascending=False)\n"
            "by_region.round(2)",
        ),
        (
            "py",
            "SETUP_PLOTS\nax = by_region.plot.bar(x='region', y='revenue', legend=False, color='#3f51b5')\n"
            "ax.set_ylabel('revenue')\nax.set_title('Revenue by region')\nplt.tight_layout()",
        ),
        (
            "md",
            "## What we learned\n\n- A first look (shape, types, a few rows) catches many problems early.\n"
            "- Derived measures such as revenue should be defined once and written down.\n"
            "- A simple grouped table and chart already answer a real business question.",
        ),
    ],
    "01-introduction-to-data-engineering/week-3/01-batch-vs-streaming-latency.ipynb": [
        (
            "md",
            "# Lab: Batch vs streaming latency\n\nHow old is the data when a user sees it? We simulate a day of "
            "events and compare the **latency** (time from event to availability) of a daily batch, an hourly "
            "micro-batch and a stream.",
        ),
        (
            "py",
            "import random\nimport pandas as pd\n\nrandom.seed(3)\n# 500 events spread over one day, in seconds since midnight\n"
            "events = sorted(random.uniform(0, 86_400) for _ in range(500))\nlen(events), round(events[0]), round(events[-1])",
        ),
        (
            "md",
            "Each strategy makes an event available at a different time:\n\n- **daily batch**: at the next midnight, "
            "plus 30 minutes of processing;\n- **hourly micro-batch**: at the end of its hour, plus 2 minutes;\n"
            "- **stream**: about 5 seconds after the event.",
        ),
        (
            "py",
            "import math\n\ndef available_at(t, strategy):\n    if strategy == 'daily batch':\n        return 86_400 + 1_800\n"
            "    if strategy == 'hourly micro-batch':\n        return math.ceil(t / 3_600) * 3_600 + 120\n    return t + 5\n\n"
            "strategies = ['daily batch', 'hourly micro-batch', 'stream']\nlatency = pd.DataFrame({\n"
            "    s: [(available_at(t, s) - t) / 60 for t in events] for s in strategies\n})\n"
            "summary = latency.describe().loc[['mean', '50%', 'max']].round(1)\nsummary.index = ['mean minutes', 'median minutes', 'max minutes']\nsummary",
        ),
        (
            "py",
            "SETUP_PLOTS\nax = latency.median().plot.barh(color=['#9fa8da', '#5c6bc0', '#283593'])\n"
            "ax.set_xscale('log')\nax.set_xlabel('median latency in minutes (log scale)')\nplt.tight_layout()",
        ),
        (
            "md",
            "## What we learned\n\n- Latency differs by orders of magnitude between strategies.\n"
            "- A micro-batch is often fresh enough, and much simpler than a stream.\n"
            "- Choose from the latency users need, not from the technology.",
        ),
    ],
    "01-introduction-to-data-engineering/week-4/01-mask-personal-data.ipynb": [
        (
            "md",
            "# Lab: Mask personal data before analysis\n\nAnalysts need delivery times by area, not names or exact "
            "addresses. We build a masked copy of a customer table: names are dropped, emails are replaced by a "
            "keyed hash (so rows can still be joined), and postcodes are reduced to their area.",
        ),
        (
            "py",
            "import hashlib\nimport hmac\nimport pandas as pd\n\ncustomers = pd.DataFrame({\n"
            "    'customer_id': [1, 2, 3, 4],\n    'name': ['Ana Ruiz', 'Ben Okafor', 'Chen Wei', 'Dana Levi'],\n"
            "    'email': ['ana@example.org', 'ben@example.org', 'chen@example.org', 'dana@example.org'],\n"
            "    'postcode': ['28013', '28045', '08001', '08029'],\n    'delivery_minutes': [34, 41, 27, 52],\n})\ncustomers",
        ),
        (
            "md",
            "A keyed hash (HMAC) gives the same token for the same email, but without the key nobody can "
            "recompute it from a guessed email. In production the key lives in a secrets manager.",
        ),
        (
            "py",
            "SECRET_KEY = b'lab-only-key'  # never hard-code a real key\n\ndef token(value: str) -> str:\n"
            "    return hmac.new(SECRET_KEY, value.lower().encode(), hashlib.sha256).hexdigest()[:12]\n\n"
            "masked = pd.DataFrame({\n    'customer_token': customers['email'].map(token),\n"
            "    'postcode_area': customers['postcode'].str[:2],\n    'delivery_minutes': customers['delivery_minutes'],\n})\nmasked",
        ),
        ("py", "masked.groupby('postcode_area', as_index=False)['delivery_minutes'].mean()"),
        (
            "md",
            "## What we learned\n\n- Masking keeps the analysis possible while removing what is not needed.\n"
            "- Keyed hashes preserve joins without exposing the original value.\n"
            "- The raw table stays locked; only the masked one is shared.",
        ),
    ],
    "02-source-systems-data-ingestion-and-pipelines/01_week-1/01-change-data-capture-with-triggers.ipynb": [
        (
            "md",
            "# Lab: Change data capture with triggers\n\nWe imitate log-based CDC in SQLite. Triggers write every "
            "insert, update and delete on `customers` into a `changes` table. A second step reads the changes "
            "in order and applies them to a replica.",
        ),
        (
            "py",
            "import sqlite3\nimport pandas as pd\n\nsource = sqlite3.connect(':memory:')\nsource.executescript('''\n"
            "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT, city TEXT);\n"
            "CREATE TABLE changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, op TEXT, id INTEGER, name TEXT, city TEXT);\n"
            "CREATE TRIGGER c_ins AFTER INSERT ON customers BEGIN\n"
            "  INSERT INTO changes (op, id, name, city) VALUES ('insert', NEW.id, NEW.name, NEW.city); END;\n"
            "CREATE TRIGGER c_upd AFTER UPDATE ON customers BEGIN\n"
            "  INSERT INTO changes (op, id, name, city) VALUES ('update', NEW.id, NEW.name, NEW.city); END;\n"
            "CREATE TRIGGER c_del AFTER DELETE ON customers BEGIN\n"
            "  INSERT INTO changes (op, id) VALUES ('delete', OLD.id); END;\n''')\nprint('source ready')",
        ),
        ("md", "## Make some changes in the source"),
        (
            "py",
            "source.executescript('''\nINSERT INTO customers VALUES (1, 'Ana', 'Madrid'), (2, 'Ben', 'Lagos'), (3, 'Chen', 'Shanghai');\n"
            "UPDATE customers SET city = 'Valencia' WHERE id = 1;\nDELETE FROM customers WHERE id = 2;\n"
            "INSERT INTO customers VALUES (4, 'Dana', 'Haifa');\n''')\npd.read_sql('SELECT * FROM changes ORDER BY seq', source)",
        ),
        (
            "md",
            "## Apply the changes to a replica, in order\n\nApplying by `seq` keeps the order. Using `INSERT OR "
            "REPLACE` makes applying a change twice harmless.",
        ),
        (
            "py",
            "replica = sqlite3.connect(':memory:')\nreplica.execute('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT, city TEXT)')\n\n"
            "def apply_changes(after_seq=0):\n    rows = source.execute('SELECT seq, op, id, name, city FROM changes WHERE seq > ? ORDER BY seq', (after_seq,))\n"
            "    last = after_seq\n    for seq, op, id_, name, city in rows:\n        if op == 'delete':\n"
            "            replica.execute('DELETE FROM customers WHERE id = ?', (id_,))\n        else:\n"
            "            replica.execute('INSERT OR REPLACE INTO customers VALUES (?, ?, ?)', (id_, name, city))\n        last = seq\n"
            "    return last\n\nposition = apply_changes()\nprint('applied up to change', position)\n"
            "pd.read_sql('SELECT * FROM customers ORDER BY id', replica)",
        ),
        (
            "py",
            "same = pd.read_sql('SELECT * FROM customers ORDER BY id', source).equals(pd.read_sql('SELECT * FROM customers ORDER BY id', replica))\n"
            "print('replica matches source:', same)",
        ),
        (
            "md",
            "## What we learned\n\n- CDC captures deletes, which timestamp-based loads miss.\n"
            "- Changes must be applied in order, and applying them must be idempotent.\n"
            "- Remembering the last applied position lets the replica resume after a failure.",
        ),
    ],
    "02-source-systems-data-ingestion-and-pipelines/03_week-3/01-data-quality-checks.ipynb": [
        (
            "md",
            "# Lab: Data quality checks\n\nWe write a few checks as plain Python functions and run them on a "
            "dataset with some planted problems. Each check returns how many rows fail it.",
        ),
        (
            "py",
            "import pandas as pd\n\norders = pd.DataFrame({\n    'order_id': [1, 2, 3, 3, 5, 6],\n"
            "    'customer_id': [10, 11, None, 12, 13, 14],\n    'status': ['paid', 'paid', 'shipped', 'shipped', 'lost?', 'paid'],\n"
            "    'amount': [20.0, 35.5, 12.0, 12.0, -4.0, 18.25],\n})\norders",
        ),
        (
            "py",
            "KNOWN_STATUSES = {'paid', 'shipped', 'delivered', 'cancelled'}\n\nchecks = {\n"
            "    'order_id is unique': lambda df: int(df['order_id'].duplicated().sum()),\n"
            "    'customer_id is not null': lambda df: int(df['customer_id'].isna().sum()),\n"
            "    'status is known': lambda df: int((~df['status'].isin(KNOWN_STATUSES)).sum()),\n"
            "    'amount is not negative': lambda df: int((df['amount'] < 0).sum()),\n"
            "    'table is not empty': lambda df: 0 if len(df) > 0 else 1,\n}\n\n"
            "results = pd.DataFrame([{'check': name, 'failing rows': check(orders)} for name, check in checks.items()])\n"
            "results['result'] = results['failing rows'].map(lambda n: 'pass' if n == 0 else 'FAIL')\nresults",
        ),
        ("md", "## Decide what a failure does\n\nSome checks block the pipeline; others only warn."),
        (
            "py",
            "BLOCKING = {'order_id is unique', 'table is not empty'}\nfailed = set(results.loc[results['result'] == 'FAIL', 'check'])\n"
            "if failed & BLOCKING:\n    print('STOP the pipeline:', ', '.join(sorted(failed & BLOCKING)))\n"
            "if failed - BLOCKING:\n    print('warn the owners:', ', '.join(sorted(failed - BLOCKING)))",
        ),
        (
            "md",
            "## What we learned\n\n- Simple rules catch duplicates, missing keys, unknown values and impossible amounts.\n"
            "- Deciding in advance which failures block keeps bad data away from dashboards.",
        ),
    ],
    "03-data-storage-and-queries/week-1/01-row-vs-column-layout.ipynb": [
        (
            "md",
            "# Lab: Row vs column layout\n\nWhy do columnar files compress so well? We store the same table "
            "row by row and column by column, compress both with zlib, and compare sizes.",
        ),
        (
            "py",
            "import random\nimport zlib\nimport pandas as pd\n\nrandom.seed(11)\nn = 20_000\ntable = {\n"
            "    'country': [random.choice(['ES', 'FR', 'DE', 'IT', 'PT']) for _ in range(n)],\n"
            "    'status': [random.choice(['paid', 'shipped', 'delivered']) for _ in range(n)],\n"
            "    'quantity': [random.randint(1, 5) for _ in range(n)],\n"
            "    'amount': [round(random.uniform(5, 200), 2) for _ in range(n)],\n}\npd.DataFrame(table).head()",
        ),
        (
            "py",
            "def row_layout(t):\n    return '\\n'.join(','.join(str(t[c][i]) for c in t) for i in range(n)).encode()\n\n"
            "def column_layout(t):\n    return '\\n'.join(','.join(map(str, t[c])) for c in t).encode()\n\n"
            "sizes = pd.DataFrame([\n    {'layout': name, 'raw KB': len(data) / 1024, 'compressed KB': len(zlib.compress(data, 6)) / 1024}\n"
            "    for name, data in [('row', row_layout(table)), ('column', column_layout(table))]\n]).round(1)\nsizes",
        ),
        (
            "md",
            "Reading only what a query needs is the other half: a query that sums `amount` by `country` touches "
            "two of the four columns.",
        ),
        (
            "py",
            "needed = {c: table[c] for c in ['country', 'amount']}\nprint('column layout, two columns:', round(len(zlib.compress(column_layout(needed), 6)) / 1024, 1), 'KB')",
        ),
        (
            "py",
            "SETUP_PLOTS\nax = sizes.set_index('layout')[['raw KB', 'compressed KB']].plot.bar(rot=0, color=['#c5cae9', '#3f51b5'])\n"
            "ax.set_ylabel('KB')\nax.set_title('Same data, two layouts')\nplt.tight_layout()",
        ),
        (
            "md",
            "## What we learned\n\n- Similar values stored together compress much better.\n"
            "- A columnar engine can skip the columns a query does not use.",
        ),
    ],
    "03-data-storage-and-queries/week-2/01-a-tiny-table-format.ipynb": [
        (
            "md",
            "# Lab: A tiny table format\n\nWe build the core idea of an open table format in a few lines: data "
            "files are never changed, and each version of the table is a small metadata list of files. "
            "Readers follow the latest version, and old versions give us time travel.",
        ),
        (
            "py",
            "import json\nimport pandas as pd\n\nfiles = {}      # file name -> rows (stands in for object storage)\n"
            "versions = []   # each version: the list of files that make up the table\n\n"
            "def commit(new_rows=None, remove=()):\n    current = list(versions[-1]) if versions else []\n"
            "    if new_rows:\n        name = f'part-{len(files):03d}.json'\n        files[name] = json.loads(json.dumps(new_rows))\n"
            "        current.append(name)\n    current = [f for f in current if f not in remove]\n    versions.append(current)\n"
            "    return len(versions) - 1\n\ndef read(version=None):\n    names = versions[-1 if version is None else version]\n"
            "    return pd.DataFrame([row for name in names for row in files[name]])",
        ),
        (
            "py",
            "commit([{'id': 1, 'city': 'Lyon'}, {'id': 2, 'city': 'Porto'}])\ncommit([{'id': 3, 'city': 'Gdansk'}])\n"
            "read()",
        ),
        (
            "md",
            "## Rewrite a file and keep history\n\nTo change a row, we write a new file and commit a version "
            "that swaps it in. The old file is still there for older versions.",
        ),
        (
            "py",
            "v = commit([{'id': 1, 'city': 'Madrid'}, {'id': 2, 'city': 'Porto'}], remove=['part-000.json'])\n"
            "print('latest version:', v)\nread()",
        ),
        ("py", "print('time travel to version 1:')\nread(version=1)"),
        ("py", "pd.DataFrame({'version': range(len(versions)), 'files': [', '.join(v) for v in versions]})"),
        (
            "md",
            "## What we learned\n\n- Immutable data files plus an atomic list of files give consistent reads.\n"
            "- Keeping old lists gives time travel and easy rollback.",
        ),
    ],
    "03-data-storage-and-queries/week-3/01-query-plans-and-indexes.ipynb": [
        ("md", "# Lab: Query plans and indexes\n\nWe ask SQLite how it will run a query, add an index, and ask again."),
        (
            "py",
            "import sqlite3\nimport pandas as pd\n\ncon = sqlite3.connect(':memory:')\n"
            "con.execute('CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, day TEXT, amount REAL)')\n"
            "con.executemany('INSERT INTO orders (customer_id, day, amount) VALUES (?, ?, ?)',\n"
            "                [(i % 500, f'2024-03-{1 + i % 28:02d}', (i * 37) % 200 + 0.5) for i in range(50_000)])\n"
            "con.execute('SELECT COUNT(*) FROM orders').fetchone()",
        ),
        (
            "py",
            "QUERY = 'SELECT day, SUM(amount) FROM orders WHERE customer_id = 42 GROUP BY day'\n\n"
            "def plan(sql):\n    return pd.DataFrame(con.execute('EXPLAIN QUERY PLAN ' + sql).fetchall(), columns=['id', 'parent', 'unused', 'step'])[['step']]\n\n"
            "plan(QUERY)",
        ),
        ("md", "`SCAN orders` means every row is read. Now we add an index on the filter column."),
        ("py", "con.execute('CREATE INDEX orders_by_customer ON orders (customer_id)')\nplan(QUERY)"),
        (
            "py",
            "rows_read = con.execute('SELECT COUNT(*) FROM orders WHERE customer_id = 42').fetchone()[0]\n"
            "print(f'the index lets SQLite read {rows_read} rows instead of 50000')",
        ),
        (
            "md",
            "## What we learned\n\n- `EXPLAIN QUERY PLAN` shows whether a query scans or searches.\n"
            "- An index on the filter column turns a full scan into a search.",
        ),
    ],
    "04-data-modeling-transformation-and-serving/Week 2/01-feature-engineering.ipynb": [
        (
            "md",
            "# Lab: Feature engineering, point in time\n\nWe compute recency, frequency and monetary features for "
            "each customer **as of a cut-off date**, using only orders placed before it, so the features could "
            "really have been known when a prediction was made.",
        ),
        (
            "py",
            "import random\nimport pandas as pd\n\nrandom.seed(5)\norders = pd.DataFrame({\n"
            "    'customer_id': [random.randint(1, 40) for _ in range(400)],\n"
            "    'day': pd.to_datetime('2024-01-01') + pd.to_timedelta([random.randint(0, 180) for _ in range(400)], unit='D'),\n"
            "    'amount': [round(random.uniform(5, 120), 2) for _ in range(400)],\n})\norders.head()",
        ),
        (
            "py",
            "CUTOFF = pd.Timestamp('2024-05-01')\npast = orders[orders['day'] < CUTOFF]\n\n"
            "features = past.groupby('customer_id').agg(\n    last_order=('day', 'max'),\n    frequency=('day', 'count'),\n    monetary=('amount', 'sum'),\n)\n"
            "features['recency_days'] = (CUTOFF - features['last_order']).dt.days\n"
            "features = features.drop(columns='last_order').round(2)\nfeatures.head(8)",
        ),
        (
            "md",
            "Orders on or after the cut-off are ignored, even though they are in the table: using them would be leakage.",
        ),
        ("py", "print('orders used:', len(past), 'of', len(orders))\nfeatures.describe().round(1)"),
        (
            "py",
            "SETUP_PLOTS\nax = features['recency_days'].plot.hist(bins=12, color='#5c6bc0')\nax.set_xlabel('days since last order')\n"
            "ax.set_title('Recency at the cut-off')\nplt.tight_layout()",
        ),
        (
            "md",
            "## What we learned\n\n- Aggregations over time make strong features.\n"
            "- A cut-off date keeps training features honest (no leakage).",
        ),
    ],
    "04-data-modeling-transformation-and-serving/Week 3/01-window-functions.ipynb": [
        (
            "md",
            "# Lab: Window functions\n\nWindow functions compute running totals and rankings without collapsing "
            "rows. We use SQLite, which supports them since version 3.25.",
        ),
        (
            "py",
            "import sqlite3\nimport pandas as pd\n\ncon = sqlite3.connect(':memory:')\ncon.executescript('''\n"
            "CREATE TABLE sales (day TEXT, store TEXT, amount REAL);\nINSERT INTO sales VALUES\n"
            "  ('2024-03-01', 'A', 120), ('2024-03-01', 'B', 90), ('2024-03-02', 'A', 80),\n"
            "  ('2024-03-02', 'B', 150), ('2024-03-03', 'A', 60), ('2024-03-03', 'B', 110);\n''')\n"
            "print(sqlite3.sqlite_version >= '3.25')",
        ),
        ("md", "## Running total per store"),
        (
            "py",
            "pd.read_sql('''\nSELECT store, day, amount,\n       SUM(amount) OVER (PARTITION BY store ORDER BY day) AS running_total\n"
            "FROM sales ORDER BY store, day\n''', con)",
        ),
        ("md", "## Rank stores within each day"),
        (
            "py",
            "pd.read_sql('''\nSELECT day, store, amount,\n       RANK() OVER (PARTITION BY day ORDER BY amount DESC) AS rank_in_day\n"
            "FROM sales ORDER BY day, rank_in_day\n''', con)",
        ),
        (
            "md",
            "## What we learned\n\n- `OVER (PARTITION BY … ORDER BY …)` defines the window.\n"
            "- Every input row stays in the output, unlike `GROUP BY`.",
        ),
    ],
    "04-data-modeling-transformation-and-serving/Week 4/01-serve-a-metrics-table.ipynb": [
        (
            "md",
            "# Lab: Serve a metrics table\n\nWe turn raw events into a small daily metrics table that a dashboard "
            "can read quickly, then prepare a reverse-ETL export for a CRM.",
        ),
        (
            "py",
            "import io\nimport random\nimport pandas as pd\n\nrandom.seed(9)\nevents = pd.DataFrame({\n"
            "    'day': pd.to_datetime('2024-04-01') + pd.to_timedelta([random.randint(0, 13) for _ in range(600)], unit='D'),\n"
            "    'customer_id': [random.randint(1, 60) for _ in range(600)],\n"
            "    'event': [random.choice(['visit', 'visit', 'visit', 'purchase']) for _ in range(600)],\n})\nevents.head()",
        ),
        (
            "py",
            "daily = events.pivot_table(index='day', columns='event', values='customer_id', aggfunc='count', fill_value=0)\n"
            "daily['conversion'] = (daily['purchase'] / (daily['visit'] + daily['purchase'])).round(3)\ndaily.head(7)",
        ),
        (
            "py",
            "SETUP_PLOTS\nax = daily['conversion'].plot(marker='o', color='#3f51b5')\nax.set_ylabel('conversion rate')\n"
            "ax.set_title('Daily conversion')\nplt.tight_layout()",
        ),
        (
            "md",
            "## Reverse ETL: push a score back to the CRM\n\nThe CRM wants one row per customer with a simple "
            "engagement score. We write the CSV it accepts into memory here; a real job would upload it.",
        ),
        (
            "py",
            "score = events.groupby('customer_id')['event'].apply(lambda e: int((e == 'purchase').sum() * 3 + (e == 'visit').sum()))\n"
            "export = io.StringIO()\nscore.rename('engagement_score').to_csv(export)\nprint(export.getvalue().splitlines()[:6])",
        ),
        (
            "md",
            "## What we learned\n\n- Pre-aggregated tables make dashboards fast.\n"
            "- Reverse ETL brings modeled data back to the tools people use every day.",
        ),
    ],
}
