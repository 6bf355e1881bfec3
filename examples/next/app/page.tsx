import { auth } from '../auth'
import { CredentialsForm, SignInButton } from '../components/auth-buttons'

export default async function Home() {
  const session = await auth()
  return (
    <main>
      <h1>Latch + Next.js</h1>
      {session?.user ? (
        <p data-testid="home-user">
          Hello, <strong>{session.user.name ?? session.user.email}</strong>. Try the pages above.
        </p>
      ) : (
        <>
          <p>
            You are signed out. No external account needed: use the <strong>local OIDC provider</strong> the dev script
            started (any password), or the demo account <code>alice</code> / <code>wonderland</code>.
          </p>
          <SignInButton label="Sign in (built-in page)" redirectTo="/admin" />
          <SignInButton provider="dev-oidc" label="Sign in with Local OIDC" redirectTo="/server" />
          <h2>Or with a server action</h2>
          <CredentialsForm redirectTo="/server" />
        </>
      )}
    </main>
  )
}
