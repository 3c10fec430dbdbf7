-- Schema v3: with the count of pending entries on the wallet's row (v2), nothing needs
-- wallet_records by status any more: a wallet's pending entries are the ones beyond its head, a
-- range of the primary key. One index less to keep up on every uploaded entry.
DROP INDEX wallet_records_by_status;
