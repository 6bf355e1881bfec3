import { describe, expect, it } from 'vitest'
import type { AuthConfig } from '../src/index.js'
import { MemoryAdapter } from '../src/adapters/memory.js'
import { Browser, SECRET } from './support/client.js'
import { fakeOAuth, quietLogger } from './support/fake-oauth.js'
import { capturingEmail } from './support/mail.js'

const ORIGIN = 'https://app.example.com'

/** Routes at the root (`basePath: '/'`): every published or linked auth URL is `<origin>/<action>`, never `<origin>//<action>`. */
function setup() {
  const github = fakeOAuth('github')
  const mail = capturingEmail()
  const config: AuthConfig = {
    secret: SECRET,
    url: ORIGIN,
    basePath: '/',
    logger: quietLogger,
    adapter: MemoryAdapter(),
    providers: [github.provider, mail.provider],
  }
  return { config, mail, browser: new Browser(config, ORIGIN) }
}

async function csrf(b: Browser): Promise<string> {
  return ((await (await b.fetch('/csrf')).json()) as { csrfToken: string }).csrfToken
}

describe('basePath "/"', () => {
  it('GET /providers publishes signinUrl and callbackUrl without a doubled slash', async () => {
    const { browser } = setup()
    const body = (await (await browser.fetch('/providers')).json()) as Record<string, { signinUrl: string; callbackUrl: string }>
    expect(body.github!.signinUrl).toBe(`${ORIGIN}/signin/github`)
    expect(body.github!.callbackUrl).toBe(`${ORIGIN}/callback/github`)
    expect(body.email!.signinUrl).toBe(`${ORIGIN}/signin/email`)
    expect(body.email!.callbackUrl).toBe(`${ORIGIN}/callback/email`)
  })

  it('the OAuth redirect_uri is <origin>/callback/<id>', async () => {
    const { browser } = setup()
    const res = await browser.fetch('/signin/github', { form: { csrfToken: await csrf(browser) } })
    expect(res.status).toBe(302)
    const authz = new URL(res.headers.get('location')!)
    expect(authz.searchParams.get('redirect_uri')).toBe(`${ORIGIN}/callback/github`)
  })

  it('the magic link and the verify-request redirect have no doubled slash', async () => {
    const { browser, mail } = setup()
    const res = await browser.fetch('/signin/email', { form: { csrfToken: await csrf(browser), email: 'ada@example.com' } })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe(`${ORIGIN}/verify-request?provider=email&type=email`)
    const link = new URL(mail.last().url)
    expect(link.origin + link.pathname).toBe(`${ORIGIN}/callback/email`)
  })

  it('the built-in pages link to <origin>/<action>', async () => {
    const { browser } = setup()
    const signin = await (await browser.fetch('/signin')).text()
    expect(signin).toContain(`action="${ORIGIN}/signin/github"`)
    expect(signin).toContain(`action="${ORIGIN}/signin/email"`)
    const signout = await (await browser.fetch('/signout')).text()
    expect(signout).toContain(`action="${ORIGIN}/signout"`)
    const error = await (await browser.fetch('/error?error=AccessDenied')).text()
    expect(error).toContain(`${ORIGIN}/signin`)
    for (const html of [signin, signout, error]) expect(html).not.toContain(`${ORIGIN}//`)
  })
})
