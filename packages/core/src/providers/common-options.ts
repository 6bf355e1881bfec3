/** What every provider config has; a leaf, so provider kinds defined elsewhere (passkeys, passwords) can extend it. */
export type ProviderType = 'oauth' | 'oidc' | 'email' | 'credentials' | 'webauthn' | 'password'

export interface CommonProviderOptions {
  id: string
  name: string
  type: ProviderType
  /** Extra options the user passed, merged over the factory defaults (never mutated). */
  options?: Record<string, unknown>
}
