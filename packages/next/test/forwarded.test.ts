import { beforeEach, describe, expect, it } from 'vitest'
import { NextRequest } from 'next/server'
import { encode } from '@latch/core/jwt'
import NextAuth from '../src/index.js'
import { getToken } from '../src/jwt.js'
import { SECRET, nextMock, testConfig } from './helpers.js'

beforeEach(() => nextMock.reset())
const event = { waitUntil() {} }

/**
 * Issue 12: behind a proxy that appends to X-Forwarded-Host / X-Forwarded-Proto, @latch/next reads them with the
 * core's one rule (the last entry, the one the trusted proxy added), never the client-supplied first entry.
 */
describe('@latch/next: list-valued forwarded headers with trustHost', () => {
  it('the sign-in redirect of the middleware uses the proxy-added host and proto', async () => {
    const { auth } = NextAuth({ ...testConfig({ callbacks: { authorized: ({ auth: a }) => !!a } }), url: undefined, trustHost: true })
    const req = new NextRequest('http://internal:3000/admin', {
      headers: { host: 'internal:3000', 'x-forwarded-host': 'evil.com, app.example.com', 'x-forwarded-proto': 'http, https' },
    })
    const to = new URL((await auth(req, event)).headers.get('location')!)
    expect(to.origin).toBe('https://app.example.com')
    expect(new URL(to.searchParams.get('callbackUrl')!).origin).toBe('https://app.example.com')
  })

  it('getToken picks the cookie name from the proxy-added proto', async () => {
    const secure = await encode({ token: { sub: '1', name: 'Ada' }, secret: SECRET, salt: '__Secure-authjs.session-token' })
    const cookie = `__Secure-authjs.session-token=${secure}`
    const req = (xfp: string) => new NextRequest('http://internal:3000/dash', { headers: { cookie, 'x-forwarded-proto': xfp } })
    expect(await getToken({ req: req('http, https'), secret: SECRET })).toMatchObject({ name: 'Ada' })
    expect(await getToken({ req: req('https, http'), secret: SECRET })).toBeNull()
  })
})
