/**
 * The hostile-redirect suite: every redirect-producing route of a running app, over HTTP, with every payload
 * of the corpus (redirect-corpus.ts). Whatever the app answers (a Location, `{ url }` JSON, a page's links,
 * hidden callbackUrl fields, `<meta refresh>`, the callback-url cookie) must resolve to the app's origin, or
 * to the OpenID provider for a provider sign-in; never a 5xx. defineIntegrationSuite runs it on its server;
 * `redirects` in its options adds the integration's own server-side helpers (SvelteKit form actions, ...).
 * Edge-safe (no `node:` imports).
 */
import { describe, expect, it } from 'vitest'
import { CookieJar, parseSetCookie, setCookies } from './cookie-jar.js'
import { browserInit, type BrowserInit } from './browser-request.js'
import { HOSTILE_PATHS, HOSTILE_REDIRECTS, fillPlaceholders, landsOn } from './redirect-corpus.js'

export { EVIL_HOST, HOSTILE_PATHS, HOSTILE_REDIRECTS, HOSTILE_REDIRECT_CLASSES, fillPlaceholders, landsOn } from './redirect-corpus.js'

/** A route of the app (not of the core) that runs the integration's server-side signIn()/signOut(). */
export interface RedirectHelperRoute {
  /** What it exercises, e.g. `signOut() form action`. */
  name: string
  /** POSTed as a form with the Origin header, a `csrfToken` from `<basePath>/csrf`, and `field` = payload. */
  path: string
  field: 'callbackUrl' | 'redirectTo'
  /** Other fields of the form (e.g. `providerId`). */
  fields?: Record<string, string>
  /** Adds the suite's credentials to the form (a credentials sign-in: rate limited, see `clientFetch`). */
  credentials?: boolean
  /** It sends the browser to the OpenID provider: that origin is allowed as well. */
  provider?: boolean
}

export interface RedirectSuiteOptions {
  /** The integration's own redirect-producing routes in the app under test. */
  helpers?: RedirectHelperRoute[]
  /**
   * A fetch per simulated client (e.g. `loopbackFetch` from `@latch/dev-oidc/testing`), so that the per-address
   * sign-in limit does not stop the credentials cases, and raw request paths reach the server as written.
   * Without it, credentials sign-ins run for a sample of the corpus only.
   */
  clientFetch?: (client: number) => typeof fetch
}

export interface RedirectSuiteTarget {
  name: string
  baseUrl: () => string
  basePath: string
  protectedPage: string
  credentials: { username: string; password: string }
  credentialsProviderId?: string
  oidc?: { providerId: string }
  redirects?: RedirectSuiteOptions
}

type Send = BrowserInit & { client?: number }

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: '\u00a0' }

function decodeHtml(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (all, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
    return ENTITIES[e.toLowerCase()] ?? all
  })
}

/** The URLs a page would send a browser to: links, form actions, hidden callbackUrl fields, meta refresh. */
export function redirectTargetsInHtml(html: string): string[] {
  const out: string[] = []
  for (const m of html.matchAll(/\s(?:href|action|formaction)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) out.push(decodeHtml(m[1] ?? m[2] ?? ''))
  for (const m of html.matchAll(/<input\b[^>]*>/gi)) {
    if (!/name\s*=\s*["']?(callbackUrl|redirectTo)["'\s>]/i.test(m[0])) continue
    const v = /\svalue\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(m[0])
    if (v) out.push(decodeHtml(v[1] ?? v[2] ?? ''))
  }
  for (const m of html.matchAll(/<meta\b[^>]*http-equiv\s*=\s*["']?refresh[^>]*>/gi)) {
    const c = /content\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(m[0])
    const url = /url\s*=\s*['"]?([^'"]*)/i.exec(decodeHtml(c?.[1] ?? c?.[2] ?? ''))
    if (url) out.push(url[1]!.trim())
  }
  return out.filter((u) => u !== '' && !u.startsWith('#'))
}

export function defineRedirectSuite(t: RedirectSuiteTarget): void {
  const providerId = t.credentialsProviderId ?? 'credentials'
  const origin = () => new URL(t.baseUrl()).origin
  const payloads = () => HOSTILE_REDIRECTS.map((p) => fillPlaceholders(p, origin(), t.protectedPage))
  const clientFetch = t.redirects?.clientFetch
  /** Credentials sign-ins count against the per-address limit: all of them with distinct clients, else a few. */
  const credentialPayloads = () => (clientFetch ? payloads() : payloads().filter((_, i) => i % 20 === 0))
  let nextClient = 1
  const callbackCookie = () => `${origin().startsWith('https:') ? '__Secure-' : ''}authjs.callback-url`

  async function send(path: string, init: Send = {}): Promise<Response> {
    const { client, ...rest } = init
    // A raw path (`//evil.com/..`) is appended to the origin, not resolved against it.
    const target = origin() + path
    const f = client !== undefined && clientFetch ? clientFetch(client) : fetch
    const request = () => f(target, browserInit(origin(), rest))
    // A pooled connection the server closed after an earlier test's oversized request: retry once.
    const response = await request().catch(request)
    init.jar?.apply(response)
    return response
  }

  async function csrf(jar: CookieJar): Promise<string> {
    const res = await send(`${t.basePath}/csrf`, { jar })
    const json = (await res.json()) as { csrfToken: string }
    return json.csrfToken
  }

  /**
   * Every place `res` would send a browser, each of which must land on the app (or an `allowed` origin).
   * Returns the problems found, labelled.
   */
  async function problems(label: string, res: Response, allowed: string[] = []): Promise<string[]> {
    const out: string[] = []
    const app = origin()
    const check = (what: string, value: string, okOrigins: string[], nested = false) => {
      const lands = landsOn(value, app)
      if (lands === null || !okOrigins.includes(lands)) out.push(`${label}: ${what} ${JSON.stringify(value)} leads to ${lands}`)
      // Where the page it leads to (sign-in, sign-out) will send the browser next; one level only.
      if (lands === app && !nested) {
        const u = new URL(value, app)
        for (const name of ['callbackUrl', 'redirectTo']) {
          const next = u.searchParams.get(name)
          if (next !== null) check(`${what} ${name}`, next, [app], true)
        }
      }
    }
    if (res.status >= 500) out.push(`${label}: status ${res.status}`)
    const location = res.headers.get('location')
    if (location !== null) check('Location', location, [app, ...allowed])
    for (const line of setCookies(res)) {
      const c = parseSetCookie(line)
      if (!c || c.deleted || !c.name.includes('callback-url')) continue
      let value = c.value
      try {
        value = decodeURIComponent(value)
      } catch {
        // checked as sent
      }
      check('callback-url cookie', value, [app])
    }
    const type = res.headers.get('content-type') ?? ''
    const text = await res.text()
    if (type.includes('application/json')) {
      let url: unknown
      try {
        url = (JSON.parse(text) as { url?: unknown } | null)?.url
      } catch {
        url = undefined
      }
      if (typeof url === 'string') check('JSON url', url, [app, ...allowed])
    } else if (type.includes('text/html')) {
      for (const target of redirectTargetsInHtml(text)) check('page link', target, [app, ...allowed])
    }
    return out
  }

  /** The OpenID provider's origin, from a sign-in with a harmless callbackUrl. */
  async function providerOrigin(): Promise<string[]> {
    if (!t.oidc) return []
    const jar = new CookieJar()
    const res = await send(`${t.basePath}/signin/${t.oidc.providerId}`, { method: 'POST', jar, form: { csrfToken: await csrf(jar), callbackUrl: '/' } })
    await res.text()
    const location = res.headers.get('location') ?? ''
    expect(res.status, 'provider sign-in').toBe(302)
    return [new URL(location).origin]
  }

  function report(found: string[]) {
    expect(found, `${found.length} hostile redirect(s):\n${found.slice(0, 40).join('\n')}`).toEqual([])
  }

  // Each case sends the whole corpus (hundreds of requests): its own bound, whatever the package's testTimeout.
  describe(`${t.name}: hostile redirects (corpus of ${HOSTILE_REDIRECTS.length})`, { timeout: 180_000 }, () => {
    it('GET signin and signout pages with ?callbackUrl= (query, redirectTo too)', async () => {
      const found: string[] = []
      for (const p of payloads()) {
        for (const q of [`callbackUrl=${encodeURIComponent(p)}`, `redirectTo=${encodeURIComponent(p)}`]) {
          found.push(...(await problems(`GET signin?${q}`, await send(`${t.basePath}/signin?${q}`))))
        }
        found.push(...(await problems(`GET signout?callbackUrl=${p}`, await send(`${t.basePath}/signout?callbackUrl=${encodeURIComponent(p)}`))))
      }
      report(found)
    })

    it('POST signout with callbackUrl / redirectTo (redirect and {url} JSON)', async () => {
      const found: string[] = []
      const jar = new CookieJar()
      const token = await csrf(jar)
      for (const p of payloads()) {
        for (const field of ['callbackUrl', 'redirectTo']) {
          const res = await send(`${t.basePath}/signout`, { method: 'POST', jar, form: { csrfToken: token, [field]: p } })
          if (!res.headers.get('location')) found.push(`POST signout ${field}=${JSON.stringify(p)}: no Location (${res.status})`)
          found.push(...(await problems(`POST signout ${field}=${JSON.stringify(p)}`, res)))
        }
        const json = await send(`${t.basePath}/signout`, { method: 'POST', jar, headers: { 'x-auth-return-redirect': '1' }, form: { csrfToken: token, callbackUrl: p } })
        found.push(...(await problems(`POST signout (JSON) ${JSON.stringify(p)}`, json)))
      }
      report(found)
    })

    it('the callback-url cookie (signin page, signout)', async () => {
      const found: string[] = []
      for (const p of payloads()) {
        for (const value of [encodeURIComponent(p), p]) {
          if (/[\u0000-\u001f\u007f;,\s\u0080-\uffff]/.test(value)) continue // not sendable raw in a Cookie header
          const jar = new CookieJar()
          const token = await csrf(jar)
          jar.cookies.set(callbackCookie(), value)
          found.push(...(await problems(`GET signin, cookie ${JSON.stringify(value)}`, await send(`${t.basePath}/signin`, { jar }))))
          const out = await send(`${t.basePath}/signout`, { method: 'POST', jar, form: { csrfToken: token } })
          found.push(...(await problems(`POST signout, cookie ${JSON.stringify(value)}`, out)))
        }
      }
      report(found)
    })

    it('POST credentials callback with callbackUrl, and with only the callback-url cookie', async () => {
      const found: string[] = []
      for (const p of credentialPayloads()) {
        const client = nextClient++
        const jar = new CookieJar()
        const form = { csrfToken: await csrf(jar), ...t.credentials }
        const res = await send(`${t.basePath}/callback/${providerId}`, { method: 'POST', jar, client, form: { ...form, callbackUrl: p } })
        if (!res.headers.get('location')) found.push(`credentials callbackUrl=${JSON.stringify(p)}: no Location (${res.status})`)
        found.push(...(await problems(`credentials callbackUrl=${JSON.stringify(p)}`, res)))
        const cookieJar = new CookieJar()
        const token = await csrf(cookieJar)
        cookieJar.cookies.set(callbackCookie(), encodeURIComponent(p))
        const viaCookie = await send(`${t.basePath}/callback/${providerId}`, {
          method: 'POST',
          jar: cookieJar,
          client,
          headers: { 'x-auth-return-redirect': '1' },
          form: { ...form, csrfToken: token },
        })
        found.push(...(await problems(`credentials (JSON), cookie ${JSON.stringify(p)}`, viaCookie)))
      }
      report(found)
    })

    if (t.oidc) it('POST provider sign-in with callbackUrl: to the provider, and the remembered callbackUrl stays on the app', async () => {
      const allowed = await providerOrigin()
      const found: string[] = []
      const jar = new CookieJar()
      const token = await csrf(jar)
      for (const p of payloads()) {
        const res = await send(`${t.basePath}/signin/${t.oidc!.providerId}`, { method: 'POST', jar, form: { csrfToken: token, callbackUrl: p } })
        const location = res.headers.get('location')
        if (res.status === 302 && location && landsOn(location, origin()) !== allowed[0]) found.push(`provider sign-in ${JSON.stringify(p)}: Location ${location}`)
        found.push(...(await problems(`provider sign-in ${JSON.stringify(p)}`, res, allowed)))
      }
      report(found)
    })

    it('error pages with hostile parameters, and the error redirects of refused requests carrying a callbackUrl', async () => {
      const found: string[] = []
      for (const p of payloads()) {
        for (const q of [`error=Configuration&callbackUrl=${encodeURIComponent(p)}`, `error=${encodeURIComponent(p)}`]) {
          found.push(...(await problems(`GET error?${q}`, await send(`${t.basePath}/error?${q}`))))
        }
        const jar = new CookieJar()
        const token = await csrf(jar)
        for (const [path, form] of [
          [`/callback/${providerId}`, { ...t.credentials, callbackUrl: p }], // no CSRF token
          [`/signin/no-such-provider`, { csrfToken: token, callbackUrl: p }],
        ] as const) {
          const res = await send(`${t.basePath}${path}`, { method: 'POST', jar, form })
          found.push(...(await problems(`POST ${path} refused, callbackUrl=${JSON.stringify(p)}`, res)))
        }
      }
      // Wrong credentials (one made-up account per case, so no real account is locked out).
      for (const [i, p] of credentialPayloads().entries()) {
        const jar = new CookieJar()
        const form = { csrfToken: await csrf(jar), username: `redirect-corpus-${i}`, password: 'wrong', callbackUrl: p }
        const res = await send(`${t.basePath}/callback/${providerId}`, { method: 'POST', jar, client: nextClient++, form })
        if (!res.headers.get('location')) found.push(`wrong credentials ${JSON.stringify(p)}: no Location (${res.status})`)
        found.push(...(await problems(`wrong credentials, callbackUrl=${JSON.stringify(p)}`, res)))
      }
      report(found)
    })

    it('the protected page: the sign-in redirect built from a hostile request path', async () => {
      const found: string[] = []
      for (const raw of HOSTILE_PATHS) {
        const path = fillPlaceholders(raw, origin(), t.protectedPage)
        const res = await send(path, { headers: { accept: 'text/html' }, client: 0 })
        found.push(...(await problems(`GET ${path}`, res)))
      }
      // The plain page as well: its redirect carries a callbackUrl on the app.
      const res = await send(t.protectedPage, { headers: { accept: 'text/html' } })
      expect(res.headers.get('location') ?? '').toContain('callbackUrl')
      found.push(...(await problems(`GET ${t.protectedPage}`, res)))
      report(found)
    })

    for (const helper of t.redirects?.helpers ?? []) {
      it(`${helper.name}: ${helper.field} from the corpus`, async () => {
        const allowed = helper.provider ? await providerOrigin() : []
        const found: string[] = []
        for (const p of helper.credentials ? credentialPayloads() : payloads()) {
          const jar = new CookieJar()
          const form: Record<string, string> = { csrfToken: await csrf(jar), ...helper.fields, ...(helper.credentials ? t.credentials : {}), [helper.field]: p }
          const res = await send(helper.path, { method: 'POST', jar, form, client: helper.credentials ? nextClient++ : undefined, headers: { accept: 'text/html' } })
          // A helper always redirects (a 404 or 403 here would make the case pass without testing anything).
          if (res.status < 300 || res.status > 399) found.push(`${helper.name} ${helper.field}=${JSON.stringify(p)}: status ${res.status}, not a redirect`)
          found.push(...(await problems(`${helper.name} ${helper.field}=${JSON.stringify(p)}`, res, allowed)))
        }
        report(found)
      })
    }
  })
}
