import type { Adapter, AdapterAuthenticator } from '@latch/core'

type PasskeyMethods = Required<
  Pick<Adapter, 'getAccount' | 'getAuthenticator' | 'createAuthenticator' | 'listAuthenticatorsByUserId' | 'updateAuthenticatorCounter' | 'deleteAuthenticator'>
>
type Row = Record<string, any>
type Query = (text: string, values: unknown[]) => Promise<Row[]>

const COLS = 'credential_id, user_id, provider_account_id, credential_public_key, counter, credential_device_type, credential_backed_up, transports'

function toAuthenticator(r: Row): AdapterAuthenticator {
  return {
    credentialID: r.credential_id,
    userId: r.user_id,
    providerAccountId: r.provider_account_id,
    credentialPublicKey: r.credential_public_key,
    counter: Number(r.counter),
    credentialDeviceType: r.credential_device_type,
    credentialBackedUp: r.credential_backed_up,
    transports: r.transports,
  }
}

/**
 * Passkeys on PostgreSQL (migrations/005_authenticators.sql): Auth.js's authenticator methods, Latch's
 * deleteAuthenticator, and Auth.js's getAccount (its WebAuthn sign-in reads the credential's account).
 */
export function postgresPasskeys(q: Query, s: string, toAccount: (r: Row) => NonNullable<Awaited<ReturnType<PasskeyMethods['getAccount']>>>): PasskeyMethods {
  return {
    async getAccount(providerAccountId, provider) {
      const [r] = await q(`SELECT * FROM ${s}.accounts WHERE provider = $1 AND provider_account_id = $2`, [provider, providerAccountId])
      return r ? toAccount(r) : null
    },
    async getAuthenticator(credentialID) {
      const [r] = await q(`SELECT ${COLS} FROM ${s}.authenticators WHERE credential_id = $1`, [credentialID])
      return r ? toAuthenticator(r) : null
    },
    async createAuthenticator(a) {
      const [r] = await q(
        `INSERT INTO ${s}.authenticators (${COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLS}`,
        [a.credentialID, String(a.userId), a.providerAccountId, a.credentialPublicKey, a.counter, a.credentialDeviceType, a.credentialBackedUp, a.transports ?? null],
      )
      return toAuthenticator(r!)
    },
    async listAuthenticatorsByUserId(userId) {
      return (await q(`SELECT ${COLS} FROM ${s}.authenticators WHERE user_id = $1 ORDER BY credential_id`, [String(userId)])).map(toAuthenticator)
    },
    async updateAuthenticatorCounter(credentialID, newCounter) {
      const [r] = await q(`UPDATE ${s}.authenticators SET counter = $2 WHERE credential_id = $1 RETURNING ${COLS}`, [credentialID, newCounter])
      if (!r) throw new Error(`updateAuthenticatorCounter: no authenticator with id ${credentialID}`)
      return toAuthenticator(r)
    },
    async deleteAuthenticator(credentialID) {
      await q(`DELETE FROM ${s}.authenticators WHERE credential_id = $1`, [credentialID])
    },
  }
}
