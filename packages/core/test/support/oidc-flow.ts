import { absorbSetCookies, Browser } from './client.js'

/** A user agent for the provider side: follows redirects with its own cookie jar and submits the login form. */
export class ProviderAgent {
  jar = new Map<string, string>()

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    if (this.jar.size) headers.set('cookie', [...this.jar].map(([k, v]) => `${k}=${v}`).join('; '))
    const res = await fetch(url, { ...init, headers, redirect: 'manual' })
    absorbSetCookies(this.jar, res)
    return res
  }

  /**
   * Follow the authorization request through login and consent until the provider redirects to
   * `appOrigin`; returns that callback URL.
   */
  async authorize(authorizationUrl: string, appOrigin: string, login = 'ada'): Promise<URL> {
    let url = authorizationUrl
    let init: RequestInit = {}
    for (let i = 0; i < 20; i++) {
      if (url.startsWith(appOrigin)) return new URL(url)
      const res = await this.request(url, init)
      init = {}
      if (res.status >= 300 && res.status < 400) {
        url = new URL(res.headers.get('location')!, url).href
        continue
      }
      const html = await res.text()
      const post = /<form[^>]*method="post"[^>]*action="([^"]+)"/i.exec(html)
      if (post && post[1]!.replace(/&amp;/g, '&').startsWith(appOrigin)) {
        // response_mode=form_post: the provider's auto-submitting form, returned as a URL whose
        // search holds the form fields; deliver it with deliverFormPost().
        const target = new URL(post[1]!.replace(/&amp;/g, '&'))
        for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
          target.searchParams.set(m[1]!, m[2]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"'))
        }
        target.hash = 'form_post'
        return target
      }
      const form = /<form method="post" action="([^"]+)"/.exec(html)
      if (res.status === 200 && form) {
        url = new URL(form[1]!.replace(/&amp;/g, '&'), url).href
        init = {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ login, password: 'any' }).toString(),
        }
        continue
      }
      throw new Error(`provider answered ${res.status} at ${url}: ${html.slice(0, 500)}`)
    }
    throw new Error('too many redirects at the provider')
  }
}

/** POST /signin/:provider with a CSRF token; returns the authorization redirect. */
export async function startSignIn(b: Browser, providerId: string, callbackUrl = '/dashboard', query = ''): Promise<Response> {
  const csrfToken = await b.csrf()
  return b.fetch(`/auth/signin/${providerId}${query}`, { form: { csrfToken, callbackUrl } })
}

/** Sign-in up to (not including) the callback: returns the callback URL the provider redirected to. */
export async function toCallback(b: Browser, providerId: string, agent = new ProviderAgent(), query = ''): Promise<URL> {
  const res = await startSignIn(b, providerId, '/dashboard', query)
  if (res.status !== 302) throw new Error(`signin answered ${res.status}: ${await res.text()}`)
  return agent.authorize(res.headers.get('location')!, b.origin)
}

/** Deliver a callback URL to Auth() (path and query only). */
export function deliver(b: Browser, callback: URL, init: RequestInit = {}): Promise<Response> {
  return b.fetch(`${callback.pathname}${callback.search}`, init)
}

/** Deliver a form_post callback (see ProviderAgent.authorize) as a POST with the fields in the body. */
export function deliverFormPost(b: Browser, callback: URL, extra: Record<string, string> = {}): Promise<Response> {
  const form = Object.fromEntries(callback.searchParams)
  return b.fetch(callback.pathname, { form: { ...form, ...extra } })
}
