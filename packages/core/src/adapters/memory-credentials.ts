import type { Adapter, AdapterAuthenticator } from './types.js'

type Methods = Required<
  Pick<
    Adapter,
    | 'getPasswordHash'
    | 'setPasswordHash'
    | 'getAuthenticator'
    | 'createAuthenticator'
    | 'listAuthenticatorsByUserId'
    | 'updateAuthenticatorCounter'
    | 'deleteAuthenticator'
  >
>

/**
 * The memory adapter's passwords and passkeys (Auth.js's authenticator methods). `forget(userId)` drops a
 * deleted user's rows. Each method completes without yielding, like the rest of the memory adapter.
 */
export function memoryCredentials(userExists: (id: string) => boolean): Methods & { forget(userId: string): void } {
  const passwords = new Map<string, string>()
  const authenticators = new Map<string, AdapterAuthenticator>()
  return {
    getPasswordHash: (userId) => passwords.get(userId) ?? null,
    setPasswordHash(userId, hash) {
      if (hash === null) passwords.delete(userId)
      else if (!userExists(userId)) throw new Error(`No user with id ${userId}`)
      else passwords.set(userId, hash)
    },
    getAuthenticator: (credentialID) => {
      const a = authenticators.get(credentialID)
      return a ? { ...a } : null
    },
    createAuthenticator(authenticator) {
      if (!userExists(authenticator.userId)) throw new Error(`No user with id ${authenticator.userId}`)
      if (authenticators.has(authenticator.credentialID)) throw new Error('This credential is already registered')
      authenticators.set(authenticator.credentialID, { ...authenticator })
      return { ...authenticator }
    },
    listAuthenticatorsByUserId: (userId) => [...authenticators.values()].filter((a) => a.userId === userId).map((a) => ({ ...a })),
    updateAuthenticatorCounter(credentialID, newCounter) {
      const a = authenticators.get(credentialID)
      if (!a) throw new Error(`No authenticator with id ${credentialID}`)
      const updated = { ...a, counter: newCounter }
      authenticators.set(credentialID, updated)
      return { ...updated }
    },
    deleteAuthenticator(credentialID) {
      authenticators.delete(credentialID)
    },
    forget(userId) {
      passwords.delete(userId)
      for (const [k, a] of authenticators) if (a.userId === userId) authenticators.delete(k)
    },
  }
}
