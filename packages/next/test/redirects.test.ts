// The hostile-redirect corpus of @latch/core/testing against what @latch/next builds itself, in-process:
// the signIn()/signOut() server helpers, proxy.ts (auth as middleware) and v4's withAuth. The example app runs
// the same corpus over HTTP (examples/next/test/integration.test.ts).
import { beforeEach, describe, expect, it } from 'vitest'
import { NextRequest, type NextFetchEvent } from 'next/server'
import { HOSTILE_PATHS, HOSTILE_REDIRECTS, fillPlaceholders, landsOn } from '@latch/core/testing'
import NextAuth from '../src/index.js'
import { withAuth } from '../src/middleware.js'
import { ORIGIN, RedirectError, SECRET, nextMock, testConfig } from './helpers.js'

beforeEach(() => nextMock.reset())

const corpus = HOSTILE_REDIRECTS.map((p) => fillPlaceholders(p, ORIGIN, '/admin'))
const event = { waitUntil() {} } as unknown as NextFetchEvent

/** Lands on the app, and so does its callbackUrl when it has one. */
function problemsOf(label: string, location: string | null): string[] {
  if (location === null) return [`${label}: no Location`]
  const out: string[] = []
  if (landsOn(location, ORIGIN) !== ORIGIN) out.push(`${label}: Location ${location}`)
  else {
    const next = new URL(location, ORIGIN).searchParams.get('callbackUrl')
    if (next !== null && landsOn(next, ORIGIN) !== ORIGIN) out.push(`${label}: callbackUrl ${next}`)
  }
  return out
}

async function thrownRedirect(p: Promise<unknown>): Promise<string | null> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  )
  return e instanceof RedirectError ? e.url : null
}

describe('@latch/next: every redirect it builds passes the hostile-redirect corpus', () => {
  it('signIn() / signOut() server helpers with redirectTo, callbackUrl and a hostile Referer', async () => {
    const { signIn, signOut } = NextAuth(testConfig())
    const found: string[] = []
    for (const p of corpus) {
      found.push(...problemsOf(`signIn() no provider ${p}`, await thrownRedirect(signIn(undefined, { redirectTo: p }))))
      found.push(...problemsOf(`signIn() unknown provider ${p}`, await thrownRedirect(signIn('nope', { callbackUrl: p }))))
      found.push(...problemsOf(`signIn(credentials) ${p}`, await thrownRedirect(signIn('credentials', { username: 'ada', password: 'pw', redirectTo: p }))))
      found.push(...problemsOf(`signIn() redirect: false ${p}`, await signIn(undefined, { redirectTo: p, redirect: false })))
      found.push(...problemsOf(`signOut() ${p}`, await thrownRedirect(signOut({ redirectTo: p }))))
      try {
        nextMock.headers = new Headers({ referer: p })
      } catch {
        continue // not sendable as a header
      }
      found.push(...problemsOf(`signOut() Referer ${p}`, await thrownRedirect(signOut())))
      found.push(...problemsOf(`signIn() Referer ${p}`, await thrownRedirect(signIn())))
      nextMock.reset()
    }
    expect(found).toEqual([])
  })

  it('proxy.ts and withAuth: the sign-in redirect built from a hostile request path', async () => {
    const { auth } = NextAuth(testConfig({ callbacks: { authorized: () => false } }))
    const mw = withAuth({ secret: SECRET })
    const found: string[] = []
    for (const raw of HOSTILE_PATHS) {
      const path = fillPlaceholders(raw, ORIGIN, '/admin')
      let request: NextRequest
      try {
        request = new NextRequest(ORIGIN + path)
      } catch {
        continue
      }
      const viaAuth = await auth(request, event)
      found.push(...problemsOf(`auth proxy ${path}`, viaAuth.headers.get('location')))
      const viaWithAuth = (await mw(request, event)) as Response
      found.push(...problemsOf(`withAuth ${path}`, viaWithAuth.headers.get('location')))
    }
    expect(found).toEqual([])
  })
})
