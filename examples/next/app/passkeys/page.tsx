import { auth } from '../../auth'
import { PasskeyButtons } from '../../components/passkey-buttons'

// Passkeys with @latch/next/webauthn: sign up or sign in (also from the browser's autofill), add one when signed in.
// Listing and removing: the built-in page at /api/auth/passkeys.
export default async function PasskeysPage() {
  const session = await auth()
  return (
    <main>
      <h1>Passkeys</h1>
      <p data-testid="passkeys-user">{session?.user ? `Signed in as ${session.user.email}` : 'Signed out'}</p>
      <PasskeyButtons signedIn={Boolean(session?.user)} />
      <p>
        <a href="/api/auth/passkeys" data-testid="manage-passkeys">
          Manage your passkeys
        </a>
      </p>
    </main>
  )
}
