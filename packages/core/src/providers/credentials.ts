import type { CredentialInput, CredentialsConfig } from './types.js'

export type { CredentialsConfig, CredentialInput }

/**
 * Sign in with whatever `authorize(credentials, request)` accepts. Return a user to sign in, null to refuse,
 * or throw `CredentialsSignin` (optionally with a reason) to refuse with a code shown on the sign-in page.
 */
export default function Credentials<C extends Record<string, CredentialInput> = Record<string, CredentialInput>>(
  options: Partial<CredentialsConfig<C>> & Pick<CredentialsConfig<C>, 'authorize'>,
): CredentialsConfig<C> {
  return {
    id: 'credentials',
    name: 'Credentials',
    credentials: {} as C,
    ...options,
    type: 'credentials',
  }
}
