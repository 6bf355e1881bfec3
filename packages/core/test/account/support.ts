import { customFetch, type AuthConfig } from '../../src/index.js'
import type { Adapter } from '../../src/adapters/types.js'
import type { AccountEmail } from '../../src/types.js'
import { MemoryAdapter } from '../../src/adapters/memory.js'
import OAuth from '../../src/providers/oauth.js'
import { Browser, appSecret } from '../support/client.js'
import { quietLogger } from '../support/fake-oauth.js'
import { collectBackground } from '../support/background.js'

/** A fake OAuth provider (injected fetch) whose next userinfo answer is settable, for sign-ins and links. */
export function idp(id: string) {
  const base = `https://${id}.idp.test`
  let profile: Record<string, unknown> = { id: '1' }
  const provider = OAuth({
    id,
    name: id.toUpperCase(),
    clientId: `${id}-client`,
    clientSecret: `${id}-secret`,
    authorization: `${base}/authorize`,
    token: `${base}/token`,
    userinfo: `${base}/userinfo`,
  })
  const fetchImpl = (async (input: string | URL | Request) => {
    const url = String(input instanceof Request ? input.url : input)
    if (url === `${base}/token`) return Response.json({ access_token: `at-${id}`, token_type: 'bearer' })
    if (url === `${base}/userinfo`) return Response.json(profile)
    return new Response('not found', { status: 404 })
  }) as typeof fetch
  /** Act as the provider: answer the authorization redirect `res` with a code for `p`; returns the callback path. */
  function authorize(res: { location: string }, p: Record<string, unknown>): string {
    profile = p
    const authz = new URL(res.location)
    const cb = new URL(authz.searchParams.get('redirect_uri')!)
    cb.searchParams.set('code', 'code-1')
    cb.searchParams.set('state', authz.searchParams.get('state')!)
    return cb.pathname + cb.search
  }
  return { provider, fetch: fetchImpl, authorize }
}

export function setup(strategy: 'jwt' | 'database', overrides: Partial<AuthConfig> = {}) {
  let now = 1_800_000_000
  const alpha = idp('alpha')
  const beta = idp('beta')
  const adapter = MemoryAdapter() as Required<Adapter>
  const mails: AccountEmail[] = []
  const events: string[] = []
  const config: AuthConfig = {
    secret: appSecret(),
    url: 'http://app.test',
    logger: quietLogger,
    waitUntil: collectBackground(),
    adapter,
    clock: () => now,
    session: { strategy, freshAge: 300 },
    providers: [alpha.provider, beta.provider],
    account: { sendEmail: (m) => void mails.push(m) },
    events: {
      linkAccount: ({ account }) => void events.push(`linkAccount:${account.provider}`),
      deleteUser: ({ user }) => void events.push(`deleteUser:${user.email}`),
      updateUser: ({ user }) => void events.push(`updateUser:${user.email}`),
    },
    [customFetch]: (async (input: string | URL | Request, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input)
      return (url.startsWith('https://alpha.') ? alpha.fetch : beta.fetch)(input, init)
    }) as typeof fetch,
    ...overrides,
  }
  return { config, adapter, alpha, beta, mails, events, tick: (s: number) => (now += s) }
}

type Idp = ReturnType<typeof idp>

/** Sign in through `p` as `profile` (a new browser unless given). */
export async function signIn(config: AuthConfig, p: Idp, profile: Record<string, unknown>, b = new Browser(config)): Promise<Browser> {
  const csrfToken = await b.csrf()
  const start = await b.fetch(`/auth/signin/${p.provider.id}`, { form: { csrfToken } })
  if (start.status !== 302) throw new Error(`signin answered ${start.status}`)
  const res = await b.fetch(p.authorize({ location: start.headers.get('location')! }, profile))
  if (res.status !== 302 || res.headers.get('location')!.includes('error')) throw new Error(`callback answered ${res.status} ${res.headers.get('location')}`)
  return b
}

/** A fetch client's JSON POST to an account route, with the CSRF token. */
export async function post(b: Browser, path: string, fields: Record<string, string> = {}, csrf = true): Promise<Response> {
  const csrfToken = csrf ? await b.csrf() : undefined
  return b.fetch(`/auth/account/${path}`, { json: { ...(csrfToken ? { csrfToken } : {}), ...fields }, headers: { accept: 'application/json' } })
}

/** A browser form POST (Accept: text/html) to an account route, with the CSRF token. */
export async function submit(b: Browser, path: string, fields: Record<string, string> = {}): Promise<Response> {
  const csrfToken = await b.csrf()
  return b.fetch(`/auth/account/${path}`, { form: { csrfToken, ...fields }, headers: { accept: 'text/html' } })
}

export async function overview(b: Browser): Promise<any> {
  const res = await b.fetch('/auth/account', { headers: { accept: 'application/json' } })
  return { status: res.status, body: await res.json() }
}

/** Start a link through `p` and come back from the provider as `profile`: the callback response. */
export async function link(b: Browser, p: Idp, profile: Record<string, unknown>): Promise<Response> {
  const start = await post(b, `link/${p.provider.id}`)
  if (start.status !== 200) throw new Error(`link answered ${start.status}: ${await start.text()}`)
  const { url } = (await start.json()) as { url: string }
  return b.fetch(p.authorize({ location: url }, profile), { headers: { accept: 'text/html' } })
}

export const COOKIE = 'authjs.session-token'
export { Browser }
