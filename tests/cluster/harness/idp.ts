import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/**
 * A stand-in OAuth 2.0 provider on 127.0.0.1: /authorize sends the browser straight back with a code, /token
 * answers authorization_code and refresh_token grants, /userinfo names the user. Refresh tokens rotate: each is
 * honoured once (a reused one is `invalid_grant` and counted), and every refresh grant is counted with the
 * instance that asked (the `x-latch-instance` header the instances' fetch adds).
 *
 * `mode` changes how /token behaves: `ok`; `down` (the connection is cut, no answer); `hang` (no answer until the
 * caller gives up); `hang-first-refresh` (the first refresh request hangs and is not honoured, later ones are ok:
 * a holder killed mid-refresh).
 */
export type TokenMode = 'ok' | 'down' | 'hang' | 'hang-first-refresh'

export interface StandIn {
  url: string
  mode: TokenMode
  /** Refresh grants answered with tokens, by instance name. */
  grants: string[]
  /** Refresh requests refused because their token was used already. */
  reused: number
  /** Refresh requests that hung (mode hang / hang-first-refresh), by instance name. */
  hung: string[]
  /** authorization_code grants answered. */
  codeGrants: number
  /** The user the next /authorize signs in. */
  subject: string
  /** expires_in of tokens from an authorization_code grant (1: the session needs a refresh at once). */
  codeExpiresIn: number
  /** A refresh token the provider honours once, for a session the test builds itself. */
  issueRefreshToken(): string
  reset(): void
  close(): Promise<void>
}

const readBody = async (req: IncomingMessage) => {
  let s = ''
  for await (const c of req) s += c
  return new URLSearchParams(s)
}
const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
  res.end(JSON.stringify(body))
}

export async function startStandIn(): Promise<StandIn> {
  const valid = new Set<string>()
  const codes = new Map<string, string>()
  const subjects = new Map<string, string>()
  const sockets = new Set<Socket>()
  let n = 0
  const idp: StandIn = {
    url: '',
    mode: 'ok',
    grants: [],
    reused: 0,
    hung: [],
    codeGrants: 0,
    subject: 'oauth-user',
    codeExpiresIn: 3600,
    issueRefreshToken() {
      const rt = `rt-seed-${++n}`
      valid.add(rt)
      return rt
    },
    reset() {
      idp.mode = 'ok'
      idp.grants = []
      idp.hung = []
      idp.reused = 0
      idp.codeGrants = 0
      idp.subject = 'oauth-user'
      idp.codeExpiresIn = 3600
    },
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy()
      server.close(() => resolve())
    }),
  }
  const tokens = (sub: string, expiresIn = 3600) => {
    const i = ++n
    valid.add(`rt-${i}`)
    subjects.set(`at-${i}`, sub)
    return { access_token: `at-${i}`, token_type: 'bearer', expires_in: expiresIn, refresh_token: `rt-${i}`, scope: 'profile', sub }
  }
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (url.pathname === '/authorize') {
      const code = `code-${++n}`
      codes.set(code, idp.subject)
      const back = new URL(url.searchParams.get('redirect_uri') ?? '')
      back.searchParams.set('code', code)
      back.searchParams.set('state', url.searchParams.get('state') ?? '')
      res.writeHead(302, { location: back.href }).end()
      return
    }
    if (url.pathname === '/userinfo') {
      const sub = subjects.get((req.headers.authorization ?? '').replace(/^Bearer /i, ''))
      if (!sub) return json(res, 401, { error: 'invalid_token' })
      return json(res, 200, { sub, email: `${sub}@example.com`, name: sub })
    }
    if (url.pathname !== '/token' || req.method !== 'POST') return json(res, 404, { error: 'not_found' })
    const form = await readBody(req)
    const who = String(req.headers['x-latch-instance'] ?? '?')
    if (idp.mode === 'down') return void req.socket.destroy()
    const isRefresh = form.get('grant_type') === 'refresh_token'
    if (idp.mode === 'hang' || (idp.mode === 'hang-first-refresh' && isRefresh && idp.hung.length === 0)) {
      idp.hung.push(who)
      return // never answered; the socket closes when the caller gives up or dies
    }
    if (form.get('grant_type') === 'authorization_code') {
      const sub = codes.get(form.get('code') ?? '')
      if (!sub) return json(res, 400, { error: 'invalid_grant' })
      codes.delete(form.get('code') ?? '')
      idp.codeGrants++
      return json(res, 200, tokens(sub, idp.codeExpiresIn))
    }
    if (!isRefresh) return json(res, 400, { error: 'unsupported_grant_type' })
    // Slow enough that every instance's request arrives while the first grant is in flight.
    await new Promise((r) => setTimeout(r, 150))
    if (!valid.delete(form.get('refresh_token') ?? '')) {
      idp.reused++
      return json(res, 400, { error: 'invalid_grant', error_description: 'refresh token already used' })
    }
    idp.grants.push(who)
    return json(res, 200, tokens('refreshed'))
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  idp.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return idp
}
