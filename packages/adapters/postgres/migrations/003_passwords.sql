-- @latch/adapter-postgres schema, version 3: e-mail + password accounts. Idempotent.
-- One row per user with a password: the self-describing hash @latch/core computed (scrypt, parameters included).

CREATE TABLE IF NOT EXISTS passwords (
  user_id    text PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  hash       text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
