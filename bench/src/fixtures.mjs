// Shared fixtures: the SAME secret, providers, base path, request URLs and session cookie for both libraries.
import { Auth as AuthJs, customFetch as authjsFetch } from '@auth/core'
import { encode as authjsEncode, getToken as authjsGetToken } from '@auth/core/jwt'
import AuthjsCredentials from '@auth/core/providers/credentials'
import { Auth as Latch, customFetch as latchFetch, getSession as latchGetSession } from '@latch/core'
import { getToken as latchGetToken } from '@latch/core/jwt'
import LatchCredentials from '@latch/core/providers/credentials'

export const ORIGIN = 'https://app.example.com'
export const SECRET = 'bench-secret-0123456789abcdef0123456789abcdef'
export const COOKIE_NAME = '__Secure-authjs.session-token'
export const ISSUER = 'https://issuer.example'

const discovery = {
  issuer: ISSUER,
  authorization_endpoint: `${ISSUER}/authorize`,
  token_endpoint: `${ISSUER}/token`,
  userinfo_endpoint: `${ISSUER}/userinfo`,
  jwks_uri: `${ISSUER}/jwks`,
  response_types_supported: ['code'],
  subject_types_supported: ['public'],
  id_token_signing_alg_values_supported: ['RS256'],
  code_challenge_methods_supported: ['S256'],
}
const discoveryBody = JSON.stringify(discovery)

/** Serves the discovery document; anything else is a test failure (no network is ever hit). */
export async function staticFetch(input) {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
  if (url === `${ISSUER}/.well-known/openid-configuration`) {
    return new Response(discoveryBody, { status: 200, headers: { 'content-type': 'application/json' } })
  }
  throw new Error(`bench: unexpected fetch ${url}`)
}

const oidc = { id: 'oidc', name: 'OIDC', type: 'oidc', issuer: ISSUER, clientId: 'bench-client', clientSecret: 'bench-client-secret' }
const authorize = async (c) => (c.username === 'ada' ? { id: '1', name: 'Ada', email: 'ada@example.com' } : null)

export const authjsConfig = {
  secret: SECRET,
  trustHost: true,
  basePath: '/auth',
  providers: [{ ...oidc, [authjsFetch]: staticFetch }, AuthjsCredentials({ credentials: { username: {} }, authorize })],
  // Auth.js logs a warning per request for some setups; keep both libraries silent.
  logger: { error() {}, warn() {}, debug() {} },
}

export const latchConfig = {
  secret: SECRET,
  trustHost: true,
  basePath: '/auth',
  providers: [{ ...oidc }, LatchCredentials({ credentials: { username: {} }, authorize })],
  [latchFetch]: staticFetch,
  logger: { error() {}, warn() {}, debug() {} },
}

/** One session token, encrypted by Auth.js (salt = cookie name); both libraries decrypt this very string. */
export async function makeSessionCookie({ secure = true } = {}) {
  const name = secure ? COOKIE_NAME : COOKIE_NAME.replace('__Secure-', '')
  const token = await authjsEncode({
    token: { name: 'Ada Lovelace', email: 'ada@example.com', picture: 'https://example.com/ada.png', sub: 'user-1' },
    secret: SECRET,
    salt: name,
  })
  return `${name}=${token}`
}

/**
 * What a framework's `auth()` / `getSession(req)` does with @auth/core (the @auth/express and @auth/sveltekit
 * pattern): forward the cookie to GET {basePath}/session and parse the JSON. Latch ships this as getSession().
 */
async function authjsGetSession(request, config) {
  const url = new URL(`${config.basePath}/session`, request.url)
  const cookie = request.headers.get('cookie')
  const res = await AuthJs(new Request(url, { headers: cookie ? { cookie } : {} }), config)
  const data = await res.json()
  if (!data || !Object.keys(data).length) return null
  if (res.status === 200) return data
  throw new Error(data.message)
}

export const libs = {
  authjs: { name: 'Auth.js', Auth: AuthJs, config: authjsConfig, getToken: authjsGetToken, getSession: authjsGetSession },
  latch: { name: 'Latch', Auth: Latch, config: latchConfig, getToken: latchGetToken, getSession: latchGetSession },
}
