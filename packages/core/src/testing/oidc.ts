import { CookieJar } from './cookie-jar.js'

async function get(url: string, jar: CookieJar, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers)
  if (jar.cookies.size) headers.set('cookie', jar.header())
  const res = await fetch(url, { ...init, headers, redirect: 'manual' })
  jar.apply(res)
  return res
}

function unescapeHtml(s: string): string {
  return s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
}

/**
 * Play the browser at an OpenID provider (as `@latch/dev-oidc` serves it: redirects and one login form,
 * consent automatic) from the authorization URL until the provider redirects back to `appOrigin`.
 * Returns that URL (the app's callback). The provider's cookies live in their own jar.
 */
export async function authorizeAtProvider(authorizationUrl: string, appOrigin: string, login = 'ada', password = 'dev'): Promise<URL> {
  const jar = new CookieJar()
  let url = authorizationUrl
  let init: RequestInit = {}
  for (let hop = 0; hop < 20; hop++) {
    if (new URL(url).origin === appOrigin) return new URL(url)
    const res = await get(url, jar, init)
    init = {}
    const location = res.headers.get('location')
    if (res.status >= 300 && res.status < 400 && location) {
      await res.text()
      url = new URL(location, url).href
      continue
    }
    const html = await res.text()
    const form = /<form[^>]*method="post"[^>]*action="([^"]+)"/i.exec(html)
    if (res.status === 200 && form) {
      url = new URL(unescapeHtml(form[1]!), url).href
      init = {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ login, password }).toString(),
      }
      continue
    }
    throw new Error(`The provider answered ${res.status} at ${url}: ${html.slice(0, 300)}`)
  }
  throw new Error('Too many redirects at the provider')
}
