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
