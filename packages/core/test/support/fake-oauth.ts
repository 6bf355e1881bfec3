import OAuth from '../../src/providers/oauth.js'
import type { OAuthConfig } from '../../src/providers/types.js'
import type { Browser } from './client.js'
import { startSignIn } from './oidc-flow.js'

/** A fake OAuth 2.0 provider served by an injected fetch; the next sign-in returns `profile`. */
export function fakeOAuth(id: string, options: Partial<OAuthConfig> = {}) {
  const base = `https://${id}.idp.test`
  let profile: Record<string, unknown> = { id: '1', name: 'Nobody', email: null }
  const fetchImpl = (async (input: string | URL | Request) => {
    const url = String(input instanceof Request ? input.url : input)
    if (url === `${base}/token`) return Response.json({ access_token: `at-${id}`, token_type: 'bearer', scope: 'profile' })
    if (url === `${base}/userinfo`) return Response.json(profile)
    return new Response('not found', { status: 404 })
  }) as typeof fetch
  const provider = OAuth({
    id,
    name: id,
    clientId: `${id}-client`,
    clientSecret: `${id}-secret`,
    authorization: `${base}/authorize`,
    token: `${base}/token`,
    userinfo: `${base}/userinfo`,
    ...options,
  })
  return {
    provider,
    fetch: fetchImpl,
    /** Sign in through this provider as `p`; returns the final callback response. */
    async signIn(b: Browser, p: Record<string, unknown>): Promise<Response> {
      profile = p
      const res = await startSignIn(b, id)
      if (res.status !== 302) throw new Error(`signin answered ${res.status}: ${await res.text()}`)
      const authz = new URL(res.headers.get('location')!)
      const cb = new URL(authz.searchParams.get('redirect_uri')!)
      cb.searchParams.set('code', 'code-1')
      cb.searchParams.set('state', authz.searchParams.get('state')!)
      return b.fetch(cb.pathname + cb.search)
    },
  }
}

/** Route each provider's requests to its fake. */
export function combinedFetch(...fakes: { provider: OAuthConfig; fetch: typeof fetch }[]): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input)
    const hit = fakes.find((f) => url.startsWith(`https://${f.provider.id}.idp.test`))
    return hit ? hit.fetch(input, init) : new Response('not found', { status: 404 })
  }) as typeof fetch
}

export const quietLogger = { error: () => {}, warn: () => {}, debug: () => {} }
