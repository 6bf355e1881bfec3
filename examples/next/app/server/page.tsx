// A server component reading the session with auth().
import { redirect } from 'next/navigation'
import { auth } from '../../auth'

export default async function ServerPage() {
  const session = await auth()
  if (!session) redirect('/api/auth/signin?callbackUrl=%2Fserver')
  return (
    <main>
      <h1>Server component</h1>
      <p data-testid="server-user">Signed in as {session.user?.name ?? session.user?.email}</p>
      <pre>{JSON.stringify(session, null, 2)}</pre>
    </main>
  )
}
