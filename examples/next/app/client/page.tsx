'use client'
// A client-side protected page: useSession({ required: true }) sends signed-out visitors to sign in.
import { signOut, useSession } from '@latch/next/react'

export default function ClientPage() {
  const { data: session, status, update } = useSession({ required: true })
  if (status === 'loading') return <p>Loading…</p>
  return (
    <main>
      <h1>Client page (useSession)</h1>
      <p data-testid="client-user">Signed in as {session?.user?.name ?? session?.user?.email}</p>
      <p>
        Session expires <span data-testid="client-expires">{session?.expires}</span>
      </p>
      <button onClick={() => void update()}>Refetch the session</button>{' '}
      <button data-testid="client-sign-out" onClick={() => void signOut({ redirectTo: '/' })}>
        Sign out (client)
      </button>
    </main>
  )
}
