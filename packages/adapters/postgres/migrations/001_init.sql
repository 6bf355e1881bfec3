-- @latch/adapter-postgres schema, version 1. Idempotent: safe to run on every start (ensureSchema does).
-- Runs in the current search_path; ensureSchema() sets it to the configured schema.

CREATE TABLE IF NOT EXISTS users (
  id              text PRIMARY KEY DEFAULT gen_random_uuid()::text,
  name            text,
  email           text UNIQUE,
  email_verified  timestamptz,
  image           text,
  -- Bumped by "sign out everywhere": JWTs carry the version they were issued under.
  session_version integer NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS accounts (
  provider            text NOT NULL,
  provider_account_id text NOT NULL,
  user_id             text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  type                text NOT NULL,
  access_token        text,
  refresh_token       text,
  expires_at          bigint,
  token_type          text,
  scope               text,
  id_token            text,
  session_state       text,
  PRIMARY KEY (provider, provider_account_id)
);
CREATE INDEX IF NOT EXISTS accounts_user_id_idx ON accounts (user_id);

CREATE TABLE IF NOT EXISTS sessions (
  session_token text PRIMARY KEY,
  user_id       text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires       timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_user_id_idx ON sessions (user_id);
CREATE INDEX IF NOT EXISTS sessions_expires_idx ON sessions (expires);

-- Only SHA-256 hashes of magic-link tokens are stored here.
CREATE TABLE IF NOT EXISTS verification_tokens (
  identifier text NOT NULL,
  token      text NOT NULL,
  expires    timestamptz NOT NULL,
  PRIMARY KEY (identifier, token)
);
CREATE INDEX IF NOT EXISTS verification_tokens_expires_idx ON verification_tokens (expires);
