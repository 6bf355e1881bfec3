/**
 * Issue 12: odd values in a database session cookie. Shared by the core's test (memory adapter) and the adapters'
 * tests (real PostgreSQL), so each runs the same cookies through the same routes.
 */

/** Cookie values (as sent in the Cookie header, so percent-encoded where a header could not carry them raw). */
export const ODD_SESSION_TOKENS: Record<string, string> = {
  'SQL quote': encodeURIComponent("' OR '1'='1"),
  'SQL quote, raw': "'OR'1'='1",
  'percent alone': '%',
  'LIKE wildcard %': 'a%25b',
  'star': '*',
  'LIKE underscore run': '_'.repeat(64),
  NUL: '%00',
  'NUL inside a hex token': `${'a'.repeat(32)}%00${'b'.repeat(31)}`,
  '513 characters': 'a'.repeat(513),
  '512 characters': 'a'.repeat(512),
  'non-ASCII': encodeURIComponent('séssion-tökén-日本'),
  'lone surrogate (undecodable)': '%ED%A0%80',
  'invalid UTF-8': '%FF%FE',
  'backslash': encodeURIComponent('\\x00\\'),
  'upper-case hex (not what Latch mints)': 'A'.repeat(64),
  'hex of the wrong length': 'a'.repeat(63),
  'UUID with braces': '{123e4567-e89b-12d3-a456-426614174000}',
  'JSON': encodeURIComponent('{"$ne":null}'),
  'control characters': '%01%02%1F',
  'empty quoted': '""',
}

/** Whether a value has the shape of a token Latch (64 hex) or Auth.js (UUID) mints: only these may reach an adapter. */
export function isMintedShape(token: unknown): boolean {
  return typeof token === 'string' && (/^[0-9a-f]{64}$/.test(token) || /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(token))
}

import { expect, it } from 'vitest'
import { Auth, getSession, type AuthConfig } from '../../src/index.js'
import type { Adapter } from '../../src/adapters/types.js'
import { sessionManager } from '../../src/session/manage.js'

const METHODS = ['getSessionAndUser', 'updateSession', 'deleteSession'] as const

/**
 * Wrap an adapter so every call that takes a session token records it; the suite asserts that only tokens of a
 * minted shape were ever passed.
 */
export function recordingAdapter(adapter: Adapter): { adapter: Adapter; tokens: unknown[] } {
  const tokens: unknown[] = []
  const wrapped: Adapter = { ...adapter }
  for (const m of METHODS) {
    const fn = adapter[m] as ((arg: unknown) => unknown) | undefined
    if (!fn) continue
    ;(wrapped as Record<string, unknown>)[m] = (arg: unknown) => {
      tokens.push(typeof arg === 'object' && arg !== null ? (arg as { sessionToken?: unknown }).sessionToken : arg)
      return fn.call(adapter, arg)
    }
  }
  return { adapter: wrapped, tokens }
}

/**
 * Each odd cookie through every route that reads a database session (session read and update, sign-out,
 * getSession, the session manager): no 5xx, no session, and no adapter call with that value.
 */
export function oddSessionTokenCases(setup: () => Promise<{ config: AuthConfig; tokens: unknown[]; userId: string }>, origin = 'http://app.test') {
  for (const [name, value] of Object.entries(ODD_SESSION_TOKENS)) {
    it(`a database session cookie of ${name} is no session, never a 5xx, never an adapter call`, async () => {
      const { config, tokens, userId } = await setup()
      const cookie = `authjs.session-token=${value}`
      const call = async (path: string, init: RequestInit = {}) => {
        const headers = new Headers(init.headers)
        headers.set('cookie', [cookie, headers.get('cookie')].filter(Boolean).join('; '))
        return Auth(new Request(`${origin}/auth/${path}`, { ...init, headers }), config)
      }
      const read = await call('session')
      expect(read.status).toBe(200)
      expect(await read.json()).toBeNull()
      // A CSRF pair for the state-changing routes.
      const csrfRes = await Auth(new Request(`${origin}/auth/csrf`), config)
      const csrfCookie = csrfRes.headers.getSetCookie()[0]!.split(';')[0]!
      const { csrfToken } = (await csrfRes.json()) as { csrfToken: string }
      const form = { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie }
      const update = await call('session', { method: 'POST', headers: { 'content-type': 'application/json', cookie: csrfCookie }, body: JSON.stringify({ csrfToken, data: { name: 'x' } }) })
      expect(update.status).toBeLessThan(500)
      expect(await update.json()).toBeNull()
      const out = await call('signout', { method: 'POST', headers: form, body: new URLSearchParams({ csrfToken }) })
      expect(out.status).toBeLessThan(500)
      expect(out.status).not.toBe(200)
      const req = new Request(`${origin}/page`, { headers: { cookie } })
      expect(await getSession(req, config)).toBeNull()
      const manager = sessionManager(config)
      expect(manager.tokenOf(req)).toBeUndefined()
      expect((await manager.list(userId, { request: req })).every((s) => !s.current)).toBe(true)
      await manager.revokeMany(userId, { except: req, ids: [] })
      expect(tokens.filter((t) => !isMintedShape(t))).toEqual([])
    })
  }
}
