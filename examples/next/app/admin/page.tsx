// Protected by proxy.ts: a signed-out visitor never gets here.
import { auth } from '../../auth'

export default async function AdminPage() {
  const session = await auth()
  return (
    <main>
      <h1>Admin</h1>
      <p data-testid="admin-user">Welcome to the admin area, {session?.user?.name ?? session?.user?.email}.</p>
    </main>
  )
}
