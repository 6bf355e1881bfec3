import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey as JoseKey, type JWK } from 'jose'
import type { Browser } from './client.js'
import { startSignIn } from './oidc-flow.js'
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { clearDiscoveryCache } from '../../src/oauth/discovery.js'
import { clearRefreshFlights } from '../../src/oauth/refresh.js'

/**
 * A small OIDC provider on a real 127.0.0.1 HTTP server, jose-signed, that misbehaves on demand:
 * per endpoint it answers normally, stalls (no headers), trickles a body that never ends, or sends
 * 30 MB; its signing key can be rotated and its id_tokens can name any sub / iss / aud / kid.
 */
export type Mode = 'ok' | 'stall' | 'trickle' | 'huge'
export type Endpoint = 'discovery' | 'jwks' | 'token' | 'userinfo'

export const CLIENT_ID = 'rogue-client'
export const CLIENT_SECRET = 'rogue-client-secret-0123456789abcdef'
const HUGE = 30 * 1024 * 1024

interface Key {
  privateKey: JoseKey
  jwk: JWK
}

async function newKey(kid: string): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair('RS256')
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' } }
}

export async function startRogueOidc() {
  let key = await newKey('key-1')
  let keys = 1
  const modes: Record<Endpoint, Mode> = { discovery: 'ok', jwks: 'ok', token: 'ok', userinfo: 'ok' }
  const calls: Record<Endpoint, number> = { discovery: 0, jwks: 0, token: 0, userinfo: 0 }
  /** Responses the server was still writing (stalling, trickling, sending) when the client hung up. */
  const cut: Record<Endpoint, number> = { discovery: 0, jwks: 0, token: 0, userinfo: 0 }
  let hugeBytesSent = 0
  /** Claims and header overrides of the next id_tokens. */
  const plan: { sub?: string; iss?: string; aud?: string | string[]; kid?: string } = {}
  let nonce: string | undefined
  let issuer = ''

  async function idToken(refresh: boolean): Promise<string> {
    const now = Math.floor(Date.now() / 1000)
    const claims: Record<string, unknown> = { name: 'Ada', email: 'ada@example.com' }
    if (!refresh && nonce) claims.nonce = nonce
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: plan.kid ?? key.jwk.kid! })
      .setIssuer(plan.iss ?? issuer)
      .setAudience(plan.aud ?? CLIENT_ID)
      .setSubject(plan.sub ?? 'user-a')
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(key.privateKey)
  }

  function misbehave(endpoint: Endpoint, res: ServerResponse): boolean {
    const mode = modes[endpoint]
    if (mode === 'ok') return false
    let finished = false
    res.on('close', () => {
      if (!finished) cut[endpoint]++
    })
    if (mode === 'stall') return true // no headers, ever
    res.writeHead(200, { 'content-type': 'application/json' })
    if (mode === 'trickle') {
      res.write('{"access_token":"')
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write('a')), 50)
      res.on('close', () => clearInterval(timer))
      return true
    }
    // huge: 30 MB of JSON string, written with backpressure until done or the client hangs up
    const chunk = Buffer.alloc(64 * 1024, 'a')
    res.write('{"access_token":"')
    const pump = () => {
      while (!res.destroyed && hugeBytesSent < HUGE) {
        hugeBytesSent += chunk.length
        if (!res.write(chunk)) return void res.once('drain', pump)
      }
      if (!res.destroyed) {
        finished = true
        res.end('","token_type":"bearer"}')
      }
    }
    pump()
    return true
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url!, issuer)
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => {
      void (async () => {
        const json = (status: number, value: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' })
          res.end(JSON.stringify(value))
        }
        if (url.pathname === '/.well-known/openid-configuration') {
          calls.discovery++
          if (misbehave('discovery', res)) return
          return json(200, {
            issuer,
            authorization_endpoint: `${issuer}/authorize`,
            token_endpoint: `${issuer}/token`,
            userinfo_endpoint: `${issuer}/userinfo`,
            jwks_uri: `${issuer}/jwks`,
            response_types_supported: ['code'],
            id_token_signing_alg_values_supported: ['RS256'],
          })
        }
        if (url.pathname === '/jwks') {
          calls.jwks++
          if (misbehave('jwks', res)) return
          return json(200, { keys: [key.jwk] })
        }
        if (url.pathname === '/token') {
          calls.token++
          if (misbehave('token', res)) return
          const form = new URLSearchParams(body)
          const refresh = form.get('grant_type') === 'refresh_token'
          return json(200, {
            token_type: 'Bearer',
            access_token: `at-${calls.token}`,
            refresh_token: `rt-${calls.token}`,
            expires_in: 60,
            id_token: await idToken(refresh),
          })
        }
        if (url.pathname === '/userinfo') {
          calls.userinfo++
          if (misbehave('userinfo', res)) return
          return json(200, { sub: plan.sub ?? 'user-a', name: 'Ada' })
        }
        json(404, { error: 'not_found' })
      })()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    get issuer() {
      return issuer
    },
    modes,
    calls,
    cut,
    plan,
    get hugeBytesSent() {
      return hugeBytesSent
    },
    /** A new signing key (new kid) replaces the old one in the JWKS and signs from now on. */
    async rotate() {
      key = await newKey(`key-${++keys}`)
    },
    reset() {
      Object.assign(modes, { discovery: 'ok', jwks: 'ok', token: 'ok', userinfo: 'ok' })
      for (const k of Object.keys(calls) as Endpoint[]) calls[k] = cut[k] = 0
      for (const k of Object.keys(plan)) delete plan[k as keyof typeof plan]
      hugeBytesSent = 0
    },
    /** Sign in through `providerId` as far as the callback; returns the callback's response. */
    async signIn(b: Browser, providerId: string): Promise<Response> {
      const res = await startSignIn(b, providerId)
      const authz = new URL(res.headers.get('location')!)
      if (!authz.searchParams.has('redirect_uri')) return res // refused before the provider
      nonce = authz.searchParams.get('nonce') ?? undefined
      const cb = new URL(authz.searchParams.get('redirect_uri')!)
      cb.searchParams.set('code', 'code-1')
      cb.searchParams.set('state', authz.searchParams.get('state')!)
      return b.fetch(cb.pathname + cb.search)
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/**
 * One rogue provider for a test file: started before its tests, reset before each (with the discovery cache and
 * the in-process refresh flights), closed after. `errors` holds what the app logged since the test began;
 * pass `logger` to the app's config.
 */
export function useRogueOidc() {
  const r = {
    idp: undefined as unknown as Awaited<ReturnType<typeof startRogueOidc>>,
    errors: [] as string[],
    logger: {
      error: (e: Error) => void r.errors.push(`${(e as { code?: string }).code}: ${e.message}`),
      warn: (code: string, message?: string) => void r.errors.push(`${code}: ${message}`),
      debug: () => {},
    },
  }
  beforeAll(async () => {
    r.idp = await startRogueOidc()
  })
  afterAll(() => r.idp.close())
  beforeEach(() => {
    r.idp.reset()
    r.errors.length = 0
    clearDiscoveryCache()
    clearRefreshFlights()
  })
  return r
}
