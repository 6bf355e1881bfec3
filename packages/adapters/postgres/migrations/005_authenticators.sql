-- @latch/adapter-postgres schema, version 5: passkeys (WebAuthn credentials), Auth.js's authenticator fields. Idempotent.
-- credential_id and credential_public_key are base64, as Auth.js stores them; counter is WebAuthn's unsigned 32-bit
-- signature counter. Each credential also has an accounts row (provider = the passkey provider, type 'webauthn').

CREATE TABLE IF NOT EXISTS authenticators (
  credential_id          text PRIMARY KEY,
  user_id                text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  provider_account_id    text NOT NULL,
  credential_public_key  text NOT NULL,
  counter                bigint NOT NULL DEFAULT 0,
  credential_device_type text NOT NULL,
  credential_backed_up   boolean NOT NULL,
  transports             text
);
CREATE INDEX IF NOT EXISTS authenticators_user_id_idx ON authenticators (user_id);
