import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import type { OAuthConfig } from '../../../src/providers/types.js'

/**
 * One stand-in identity server on 127.0.0.1 for every provider. The app's injected fetch (`rewrite`)
 * sends each request for `https://<host>/<path>` to `http://127.0.0.1:<port>/<host>/<path>`, so the
 * provider's own configured URLs are the ones exercised. The server plays, for the provider under test:
 * discovery (RFC 8414 / OIDC), the authorization endpoint (records state, PKCE challenge, nonce and
 * redirects back with a code), the token endpoint (checks the code, the PKCE verifier, the redirect_uri
 * and the client authentication; signs an id_token for OIDC), the JWKS, and any other GET/POST as the
 * profile API (the provider's documented profile, or a per-path response).
 */
export interface StandInCase {
  provider: OAuthConfig<any>
  /** The userinfo/profile API answer, or the id_token claims for OIDC (iss/aud/nonce/iat/exp added). */
  profile: Record<string, unknown>
  /** Answers for other API paths (`/user/emails`...), by URL path. */
  responses?: Record<string, unknown>
  /** Extra fields of the token response (Notion `owner`, VK `email`...). */
  tokenExtra?: Record<string, unknown>
}

export interface Recorded {
  authorization?: URL
  tokenRequest?: { form: URLSearchParams; clientAuth: 'basic' | 'post' | 'none'; headers: Record<string, string | string[] | undefined> }
  apiRequests: { url: string; method: string; authorization?: string }[]
}

const ACCESS_TOKEN = 'stand-in-access-token'

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const c of req) chunks.push(c as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

export async function startStandIn() {
  const { privateKey, publicKey } = await generateKeyPair('RS256')
  const jwk = { ...(await exportJWK(publicKey)), kid: 'stand-in', alg: 'RS256', use: 'sig' }
  let current: StandInCase | undefined
  let recorded: Recorded = { apiRequests: [] }
  const codes = new Map<string, { challenge: string | null; nonce: string | null; redirectUri: string; clientId: string }>()
  let port = 0

  const issuerOf = (base: string): string => {
    const configured = current?.provider.issuer
    if (configured && configured.replace(/\/+$/, '') === base.replace(/\/+$/, '')) return configured
    return base.replace(/\/+$/, '')
  }

  const server: Server = createServer(async (req, res) => {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers })
      res.end(typeof body === 'string' ? body : JSON.stringify(body))
    }
    try {
      const local = new URL(req.url!, `http://127.0.0.1:${port}`)
      const [, host, ...rest] = local.pathname.split('/')
      const real = new URL(`https://${host}/${rest.join('/')}${local.search}`)
      const body = await readBody(req)
      const c = current!
      const wk = /^(.*?)\/?\.well-known\/(openid-configuration|oauth-authorization-server)(\/.*)?$/.exec(real.pathname)
      if (req.method === 'GET' && wk) {
        const issuer = issuerOf(`${real.origin}${wk[3] ?? wk[1] ?? ''}`)
        return send(200, {
          issuer,
          authorization_endpoint: `${issuer}/stand-in/authorize`,
          token_endpoint: `${issuer}/stand-in/token`,
          userinfo_endpoint: `${issuer}/stand-in/userinfo`,
          jwks_uri: `${issuer}/stand-in/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          code_challenge_methods_supported: ['S256'],
        })
      }
      if (req.method === 'GET' && (real.pathname.endsWith('/stand-in/jwks') || real.href === c.provider.jwks_endpoint)) {
        return send(200, { keys: [jwk] })
      }
      if (req.method === 'GET' && real.searchParams.get('response_type') === 'code') {
        recorded.authorization = real
        const p = real.searchParams
        const code = `code-${codes.size + 1}`
        codes.set(code, { challenge: p.get('code_challenge'), nonce: p.get('nonce'), redirectUri: p.get('redirect_uri')!, clientId: p.get('client_id')! })
        const back = { code, ...(p.get('state') ? { state: p.get('state')! } : {}) }
        if (p.get('response_mode') === 'form_post') return send(200, { action: p.get('redirect_uri'), fields: back })
        const target = new URL(p.get('redirect_uri')!)
        for (const [k, v] of Object.entries(back)) target.searchParams.set(k, v)
        return send(302, '', { location: target.href })
      }
      // WeChat's documented token call: a GET with appid/secret/code, answered without token_type.
      const wechat = req.method === 'GET' && real.searchParams.get('grant_type') === 'authorization_code' && real.searchParams.has('appid')
      const form = wechat
        ? new URLSearchParams({ ...Object.fromEntries(real.searchParams), client_id: real.searchParams.get('appid')!, client_secret: real.searchParams.get('secret')!, redirect_uri: '' })
        : new URLSearchParams(body)
      if (wechat || (req.method === 'POST' && form.get('grant_type') === 'authorization_code')) {
        let clientAuth: 'basic' | 'post' | 'none' = 'none'
        let id = form.get('client_id')
        let secret = form.get('client_secret')
        const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '')
        if (basic) {
          const [u, s] = Buffer.from(basic[1]!, 'base64').toString().split(':').map(decodeURIComponent) as [string, string]
          ;[id, secret, clientAuth] = [u, s, 'basic']
        } else if (secret) clientAuth = 'post'
        if (wechat) clientAuth = 'post'
        recorded.tokenRequest = { form, clientAuth, headers: req.headers }
        const issued = codes.get(form.get('code') ?? '')
        codes.delete(form.get('code') ?? '')
        const verifier = form.get('code_verifier') ?? ''
        const pkceOk = !issued?.challenge || createHash('sha256').update(verifier).digest('base64url') === issued.challenge
        const authOk = id === c.provider.clientId && (clientAuth === 'none' || secret === c.provider.clientSecret)
        if (!issued || !pkceOk || !authOk || (!wechat && form.get('redirect_uri') !== issued.redirectUri)) {
          return send(400, { error: 'invalid_grant', error_description: `code ${!!issued} pkce ${pkceOk} client ${authOk}` })
        }
        const tokens: Record<string, unknown> = { access_token: ACCESS_TOKEN, token_type: 'Bearer', expires_in: 3600, refresh_token: 'stand-in-refresh', ...c.tokenExtra }
        if (wechat) delete tokens.token_type
        if (c.provider.type === 'oidc') {
          const issuer = issuerOf(c.provider.issuer ?? '')
          const claims: Record<string, unknown> = { ...c.profile }
          if (issued.nonce) claims.nonce = issued.nonce
          tokens.id_token = await new SignJWT(claims)
            .setProtectedHeader({ alg: 'RS256', kid: 'stand-in' })
            .setIssuer(issuer)
            .setAudience(issued.clientId)
            .setIssuedAt()
            .setExpirationTime('5m')
            .sign(privateKey)
        }
        return send(200, tokens)
      }
      // Anything else is the provider's profile API: the access token must come with it.
      const authorization = req.headers.authorization
      recorded.apiRequests.push({ url: real.href, method: req.method!, ...(authorization ? { authorization } : {}) })
      const carried = (authorization ?? '').includes(ACCESS_TOKEN) || real.href.includes(ACCESS_TOKEN) || body.includes(ACCESS_TOKEN)
      if (!carried) return send(401, { error: 'invalid_token' })
      const answer = c.responses?.[real.pathname] ?? c.profile
      return send(200, answer)
    } catch (error) {
      send(500, { error: String(error) })
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port

  const rewrite = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input instanceof Request ? input.url : input))
    return fetch(`http://127.0.0.1:${port}/${url.host}${url.pathname}${url.search}`, { ...init, redirect: 'manual' })
  }) as typeof fetch

  return {
    rewrite,
    accessToken: ACCESS_TOKEN,
    use(c: StandInCase) {
      current = c
      recorded = { apiRequests: [] }
      return recorded
    },
    get recorded() {
      return recorded
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
