'use client'
/**
 * Passkeys in the browser for Next.js apps: `signIn` as `next-auth/webauthn` exports it (registration and
 * authentication), using the SessionProvider's basePath (default `/api/auth`) and refreshing the session after.
 *
 *   import { signIn } from '@latch/next/webauthn'
 *   <button onClick={() => signIn('passkey')}>Sign in with a passkey</button>
 *   <button onClick={() => signIn('passkey', { action: 'register' })}>Add a passkey</button>
 */
import {
  signIn as passkeySignIn,
  listPasskeys as list,
  removePasskey as remove,
  type PasskeySignInOptions,
  type PasskeySignInResponse,
} from '@latch/core/webauthn-client'
import { broadcast, navigate, state } from './react/client.js'

export { browserSupportsWebAuthn, browserSupportsWebAuthnAutofill, cancelPasskeyRequest } from '@latch/core/webauthn-client'
export type { PasskeySignInOptions, PasskeySignInResponse }

export async function signIn(
  provider = 'passkey',
  options?: PasskeySignInOptions,
  authorizationParams?: string | string[][] | Record<string, string> | URLSearchParams,
): Promise<PasskeySignInResponse | undefined> {
  return passkeySignIn(provider, options, authorizationParams, {
    basePath: state.basePath,
    navigate,
    signedIn: async () => {
      await state.refresh?.('update')
      broadcast('signin')
    },
  })
}

/** The signed-in user's passkeys. */
export function listPasskeys() {
  return list({ basePath: state.basePath })
}

/** Remove one passkey (never the last way to sign in; needs a recent sign-in). */
export function removePasskey(id: string) {
  return remove(id, { basePath: state.basePath })
}
