import type { PostgresAdapter } from '@latch/adapter-postgres'
import { CookieJar } from '@latch/core/testing'

/** Paths of the two mounts every instance serves. */
export type Mount = '/auth' | '/jwt/auth'
export const apiOf = (mount: Mount) => (mount === '/auth' ? '/api' : '/jwt/api')

export interface Answer {
  status: number
  retryAfter: string | null
  instance: string | null
  location: string | null
  body: string
}

/** One browser-like client through the proxy: a cookie jar, same-origin POSTs, no redirect following. */
export class Client {
  readonly jar = new CookieJar()
  constructor(readonly origin: string) {}

  async request(path: string, init: RequestInit & { form?: Record<string, string> } = {}): Promise<Answer> {
    const headers = new Headers(init.headers)
    const cookie = this.jar.header()
    if (cookie) headers.set('cookie', cookie)
    let body = init.body
    if (init.form) {
      headers.set('content-type', 'application/x-www-form-urlencoded')
      body = new URLSearchParams(init.form).toString()
    }
    const method = init.method ?? (init.form ? 'POST' : 'GET')
    if (method !== 'GET') headers.set('origin', this.origin)
    const res = await fetch(new URL(path, this.origin), { method, headers, body, redirect: 'manual' })
    this.jar.apply(res)
    return {
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      instance: res.headers.get('x-instance'),
      location: res.headers.get('location'),
      body: await res.text(),
    }
  }

  async csrf(mount: Mount): Promise<string> {
    const a = await this.request(`${mount}/csrf`)
    if (a.status !== 200) throw new Error(`csrf: ${a.status} ${a.body}`)
    return (JSON.parse(a.body) as { csrfToken: string }).csrfToken
  }

  /** Credentials sign-in (the harness's password is the address reversed unless `password` is given). */
  async signIn(mount: Mount, email: string, password = [...email].reverse().join('')): Promise<Answer> {
    const csrfToken = await this.csrf(mount)
    return this.request(`${mount}/callback/credentials`, { form: { csrfToken, email, password, callbackUrl: `${this.origin}/` } })
  }

  /** GET <mount>/session as a JSON client. */
  async session(mount: Mount): Promise<Answer & { json: { user?: { email?: string; id?: string }; accessToken?: string; error?: string } | null }> {
    const a = await this.request(`${mount}/session`, { headers: { accept: 'application/json' } })
    let json = null
    try {
      json = JSON.parse(a.body)
    } catch {}
    return { ...a, json }
  }

  /** The integration's protected JSON route. */
  me(mount: Mount): Promise<Answer> {
    return this.request(`${apiOf(mount)}/me`, { headers: { accept: 'application/json' } })
  }
}

/** A user the harness stored, whose password is the address reversed. */
export async function seedUser(adapter: PostgresAdapter, email: string) {
  return adapter.createUser({ id: crypto.randomUUID(), email, emailVerified: null, name: email.split('@')[0]! })
}

export interface LoadSample {
  at: number
  status: number
  retryAfter: string | null
  ms: number
}

/**
 * Steady load: `fn` every `everyMs`, without waiting for answers (an answer that takes long does not slow the
 * rate), until `stop()`; resolves with every sample once all answers are in. A network failure is status 0.
 */
export function steadyLoad(fn: () => Promise<Answer>, everyMs: number) {
  const samples: LoadSample[] = []
  const pending: Promise<void>[] = []
  const start = Date.now()
  const timer = setInterval(() => {
    const at = Date.now() - start
    pending.push(
      fn().then(
        (a) => void samples.push({ at, status: a.status, retryAfter: a.retryAfter, ms: Date.now() - start - at }),
        () => void samples.push({ at, status: 0, retryAfter: null, ms: Date.now() - start - at }),
      ),
    )
  }, everyMs)
  return {
    elapsed: () => Date.now() - start,
    async stop(): Promise<LoadSample[]> {
      clearInterval(timer)
      await Promise.all(pending)
      return samples.sort((a, b) => a.at - b.at)
    },
  }
}

/** Counts of statuses, e.g. { 200: 40, 503: 12 }. */
export function countStatuses(samples: { status: number }[]): Record<number, number> {
  const out: Record<number, number> = {}
  for (const s of samples) out[s.status] = (out[s.status] ?? 0) + 1
  return out
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/**
 * The OAuth sign-in a browser makes through the proxy: POST <mount>/signin/standin, follow the provider's
 * /authorize redirect (straight back with a code), then the callback. `stopAfterAuthorize` returns the callback URL
 * without opening it (a sign-in cut short). Returns the last answer.
 */
export async function oauthSignIn(client: Client, mount: Mount, options: { stopAfterAuthorize?: boolean } = {}) {
  const csrfToken = await client.csrf(mount)
  const start = await client.request(`${mount}/signin/standin`, { form: { csrfToken, callbackUrl: `${client.origin}/` } })
  if (start.status !== 302 || !start.location) throw new Error(`signin: ${start.status} ${start.body}`)
  const authorize = await fetch(start.location, { redirect: 'manual' })
  const callback = authorize.headers.get('location')
  if (!callback) throw new Error(`authorize: ${authorize.status}`)
  if (options.stopAfterAuthorize) return { start, callback, answer: null }
  return { start, callback, answer: await client.request(callback) }
}
