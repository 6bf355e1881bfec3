// Pages router: a server-side rendered page with auth(ctx) in getServerSideProps.
import type { GetServerSideProps } from 'next'
import { auth } from '../auth'

interface Props {
  name: string
}

export const getServerSideProps: GetServerSideProps<Props> = async (ctx) => {
  const session = await auth(ctx)
  if (!session) {
    return { redirect: { destination: `/api/auth/signin?callbackUrl=${encodeURIComponent('/server-side')}`, permanent: false } }
  }
  return { props: { name: session.user?.name ?? session.user?.email ?? 'someone' } }
}

export default function ServerSidePage({ name }: Props) {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: '40rem', margin: '2rem auto' }}>
      <h1>Server-side page (getServerSideProps)</h1>
      <p data-testid="gssp-user">Signed in as {name}</p>
      <p>
        <a href="/">Home</a>
      </p>
    </main>
  )
}
