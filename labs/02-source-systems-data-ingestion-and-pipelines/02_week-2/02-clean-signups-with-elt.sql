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
