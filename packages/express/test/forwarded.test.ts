// Issue 12: with `trust proxy`, a list in X-Forwarded-Host/Proto (an appending proxy) is read by the core's rule:
// the last entry, the one the trusted proxy added; Express's own req.host/req.protocol would take the client's first.
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterEach, describe, expect, it } from 'vitest'
import Credentials from '@latch/core/providers/credentials'
import { ExpressAuth, type AuthConfig } from '../src/index.js'

const config: AuthConfig = {
  secret: 'express-forwarded-secret-0123456789abcdef0123',
  providers: [Credentials({ credentials: { username: {}, password: { type: 'password' } }, authorize: () => null })],
}

let server: Server | undefined
afterEach(async () => {
  await new Promise<void>((resolve) => {
    server?.close(() => resolve())
    server?.closeAllConnections()
  })
  server = undefined
})

async function base(trustProxy: string | false): Promise<string> {
  const app = express()
  app.set('trust proxy', trustProxy)
  app.use('/auth', ExpressAuth({ ...config, trustHost: true }))
  server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server!.once('listening', () => resolve()))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

async function callbackUrl(url: string, headers: Record<string, string>): Promise<{ status: number; url?: string }> {
  const res = await fetch(`${url}/auth/providers`, { headers })
  if (res.status !== 200) return { status: res.status }
  return { status: 200, url: ((await res.json()) as { credentials: { callbackUrl: string } }).credentials.callbackUrl }
}

describe('@latch/express: list-valued forwarded headers', () => {
  it('with trust proxy, the last X-Forwarded-Host / X-Forwarded-Proto entry counts, never the first', async () => {
    const url = await base('loopback')
    expect(await callbackUrl(url, { 'x-forwarded-host': 'evil.com, app.example.com', 'x-forwarded-proto': 'http, https' })).toEqual({
      status: 200,
      url: 'https://app.example.com/auth/callback/credentials',
    })
    expect((await callbackUrl(url, { 'x-forwarded-host': 'app.example.com', 'x-forwarded-proto': 'https, http' })).url).toBe('http://app.example.com/auth/callback/credentials')
    // The proxy-added entry is not a host: 400, not the client's first entry.
    expect(await callbackUrl(url, { 'x-forwarded-host': 'evil.com, ' })).toEqual({ status: 400 })
  })

  it('without trust proxy, forwarded headers change nothing', async () => {
    const url = await base(false)
    const { url: cb } = await callbackUrl(url, { 'x-forwarded-host': 'evil.com, app.example.com', 'x-forwarded-proto': 'https' })
    expect(new URL(cb!).origin).toBe(url)
  })
})
