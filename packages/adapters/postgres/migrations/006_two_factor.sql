-- @latch/adapter-postgres schema, version 6: two-factor sign-in (TOTP + recovery codes). Idempotent.
-- The secret is encrypted by @latch/core (AES-GCM, key derived from AUTH_SECRET); recovery codes are keyed hashes.
-- The session read joins this table to report `twoFactorEnabled`: apply this file (ensureSchema does) before
-- running a version of the adapter that has it.

CREATE TABLE IF NOT EXISTS two_factor (
  user_id        text PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  secret         text NOT NULL,
  confirmed_at   timestamptz,
  last_used_step bigint,
  recovery_codes text[] NOT NULL DEFAULT '{}'
);
