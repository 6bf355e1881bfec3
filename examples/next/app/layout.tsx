import type { ReactNode } from 'react'
import { SessionProvider } from '@latch/next/react'
import { auth } from '../auth'
import { SignOutButton } from '../components/auth-buttons'
import './style.css'

export const metadata = { title: 'Latch + Next.js' }

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Handing the server's session to the provider: no fetch and no "loading" flash on the client.
  const session = await auth()
  return (
    <html lang="en">
      <body>
        <nav>
          <a href="/">Home</a> <a href="/client">Client page</a> <a href="/server">Server component</a>{' '}
          <a href="/server-side">getServerSideProps</a> <a href="/admin">Admin (proxy)</a> <a href="/api/me">/api/me</a>{' '}
          <a href="/api/token">/api/token</a> <a href="/passkeys">Passkeys</a>
          <span className="who" data-testid="nav-user">
            {session?.user ? `Signed in as ${session.user.name ?? session.user.email}` : 'Signed out'}
          </span>
          {session?.user ? <SignOutButton /> : null}
        </nav>
        <SessionProvider session={session}>{children}</SessionProvider>
      </body>
    </html>
  )
}
