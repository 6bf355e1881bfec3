-- @latch/adapter-postgres schema, version 2: refresh-token rotation across instances. Idempotent.
-- Keys are SHA-256 hashes computed by @latch/core (never a refresh token); values are encrypted by it.

CREATE TABLE IF NOT EXISTS refresh_locks (
  key     text PRIMARY KEY,
  holder  text NOT NULL,
  expires timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS refresh_results (
  key     text PRIMARY KEY,
  value   text NOT NULL,
  expires timestamptz NOT NULL
);
