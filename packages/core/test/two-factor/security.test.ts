import { describe, expect, it } from 'vitest'
import { enroll, firstFactor, setup, setupPost, submitCode } from './support.js'
import { openSecret } from '../../src/two-factor/secret-box.js'

const errorOf = async (res: Response) => ((await res.json()) as { error?: string }).error

describe.each(['jwt', 'database'] as const)('two-factor security properties (%s sessions)', (strategy) => {
  it('no session, no session row, before the second factor', async () => {
    const app = setup({ strategy })
    const ada = await app.user()
    await enroll(app, app.browser())
    await app.adapter.deleteSessionsByUser!(ada.id)
    const b = app.browser()
    expect((await firstFactor(b)).status).toBe(302)
    expect(await b.session()).toBeNull()
    expect(await app.adapter.listSessions!(ada.id)).toEqual([])
    expect([...b.jar.keys()].filter((k) => k.startsWith('authjs.session-token') || k === 'authjs.auth-time')).toEqual([])
  })

  it('the pending state expires', async () => {
    const app = setup({ strategy, twoFactor: { pendingMaxAge: 120 } })
    await app.user()
    const { secret } = await enroll(app, app.browser())
    const b = app.browser()
    await firstFactor(b)
    app.tick(121)
    const res = await submitCode(b, app.code(secret))
    expect(res.status).toBe(400)
    expect(await errorOf(res)).toBe('TwoFactorPendingInvalid')
    expect(await b.session()).toBeNull()
  })

  it('a tampered pending state is refused', async () => {
    const app = setup({ strategy })
    await app.user()
    const { secret } = await enroll(app, app.browser())
    const b = app.browser()
    await firstFactor(b)
    const v = b.jar.get('authjs.two-factor')!
    const i = v.length - 10
    b.jar.set('authjs.two-factor', v.slice(0, i) + (v[i] === 'A' ? 'B' : 'A') + v.slice(i + 1))
    const res = await submitCode(b, app.code(secret))
    expect(await errorOf(res)).toBe('TwoFactorPendingInvalid')
    expect(await b.session()).toBeNull()
  })

  it('a pending state copied into another browser is refused there', async () => {
    const app = setup({ strategy })
    await app.user()
    const { secret } = await enroll(app, app.browser())
    const victim = app.browser()
    await firstFactor(victim)
    const attacker = app.browser()
    await attacker.csrf()
    attacker.jar.set('authjs.two-factor', victim.jar.get('authjs.two-factor')!)
    const res = await submitCode(attacker, app.code(secret))
    expect(await errorOf(res)).toBe('TwoFactorPendingInvalid')
    expect(await attacker.session()).toBeNull()
    // The victim's own browser still completes.
    expect((await submitCode(victim, app.code(secret))).status).toBe(200)
  })

  it('a code is not accepted twice within its window, nor an earlier one after a later one', async () => {
    const app = setup({ strategy })
    await app.user()
    const { secret } = await enroll(app, app.browser())
    const a = app.browser()
    await firstFactor(a)
    const code = app.code(secret)
    expect((await submitCode(a, code)).status).toBe(200)
    const b = app.browser()
    await firstFactor(b)
    app.tick(10)
    const again = await submitCode(b, code)
    expect(again.status).toBe(400)
    expect(await errorOf(again)).toBe('TwoFactorCodeInvalid')
    expect(await b.session()).toBeNull()
    // The next step's code (within the skew) works; then the previous step's is refused.
    expect((await submitCode(b, app.code(secret, 1))).status).toBe(200)
    const c = app.browser()
    await firstFactor(c)
    expect(await errorOf(await submitCode(c, app.code(secret, 0)))).toBe('TwoFactorCodeInvalid')
  })

  it('accepts one step of clock skew either way, not two', async () => {
    const app = setup({ strategy })
    await app.user()
    const { secret } = await enroll(app, app.browser())
    const tryCode = async (offset: number) => {
      const b = app.browser()
      await firstFactor(b)
      return (await submitCode(b, app.code(secret, offset))).status
    }
    app.tick(30 * 5)
    expect(await tryCode(-2)).toBe(400)
    expect(await tryCode(2)).toBe(400)
    expect(await tryCode(-1)).toBe(200)
    expect(await tryCode(1)).toBe(200)
  })

  it('a recovery code signs in once, also when two browsers race with it', async () => {
    const app = setup({ strategy })
    await app.user()
    const { recoveryCodes } = await enroll(app, app.browser())
    expect(recoveryCodes).toHaveLength(10)
    const [first, second] = recoveryCodes as [string, string]
    const a = app.browser()
    await firstFactor(a)
    expect((await submitCode(a, first.toUpperCase().replace('-', ' '))).status).toBe(200)
    const b = app.browser()
    await firstFactor(b)
    expect(await errorOf(await submitCode(b, first))).toBe('TwoFactorCodeInvalid')

    const racers = [app.browser(), app.browser(), app.browser(), app.browser()]
    for (const r of racers) await firstFactor(r)
    const tokens = await Promise.all(racers.map((r) => r.csrf()))
    const results = await Promise.all(
      racers.map((r, i) => r.fetch('/auth/two-factor', { form: { csrfToken: tokens[i]!, code: second }, headers: { accept: 'application/json' } })),
    )
    expect(results.map((r) => r.status).sort()).toEqual([200, 400, 400, 400])
    const ada = await app.adapter.getUserByEmail!('ada@example.com')
    expect((await app.adapter.getTwoFactor!(ada!.id))!.recoveryCodes).toHaveLength(8)
  })

  it('the same TOTP code raced from two browsers signs in only one', async () => {
    const app = setup({ strategy })
    await app.user()
    const { secret } = await enroll(app, app.browser())
    const racers = [app.browser(), app.browser(), app.browser()]
    for (const r of racers) await firstFactor(r)
    const tokens = await Promise.all(racers.map((r) => r.csrf()))
    const code = app.code(secret)
    const results = await Promise.all(racers.map((r, i) => r.fetch('/auth/two-factor', { form: { csrfToken: tokens[i]!, code }, headers: { accept: 'application/json' } })))
    expect(results.map((r) => r.status).sort()).toEqual([200, 400, 400])
  })

  it('is rate limited per user, even with the right code afterwards', async () => {
    const app = setup({ strategy, twoFactor: { rateLimit: { max: 3, windowSeconds: 300 } } })
    await app.user()
    const { secret } = await enroll(app, app.browser())
    const b = app.browser()
    await firstFactor(b)
    for (let i = 0; i < 3; i++) expect((await submitCode(b, '000000')).status).toBe(400)
    const limited = await submitCode(b, app.code(secret))
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBeTruthy()
    // Another browser (same user) is limited too: the counter is the user's.
    const other = app.browser()
    await firstFactor(other)
    expect((await submitCode(other, app.code(secret))).status).toBe(429)
    app.tick(301)
    const later = app.browser()
    await firstFactor(later)
    expect((await submitCode(later, app.code(secret))).status).toBe(200)
  })

  it('is rate limited per client address across users', async () => {
    let ip = ''
    const app = setup({ strategy, twoFactor: { rateLimit: { max: 1, windowSeconds: 300 } }, rateLimit: { clientIp: () => ip } })
    for (let i = 0; i < 11; i++) {
      ip = `198.51.100.${i}`
      await app.user(`u${i}`)
      await enroll(app, app.browser(), `u${i}`)
    }
    ip = '203.0.113.7'
    const statuses: number[] = []
    for (let i = 0; i < 11; i++) {
      const b = app.browser()
      await firstFactor(b, `u${i}`)
      statuses.push((await submitCode(b, '000000')).status)
    }
    // Ten attempts per address per window (10 × the per-user rule); the 11th from this address is refused.
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true)
    expect(statuses[10]).toBe(429)
  })

  it('the TOTP secret is stored encrypted, bound to its user', async () => {
    const app = setup({ strategy })
    const ada = await app.user()
    const bob = await app.user('bob')
    const { secret } = await enroll(app, app.browser())
    const record = (await app.adapter.getTwoFactor!(ada.id))!
    expect(record.secret).not.toContain(secret)
    expect(record.secret).toMatch(/^v1\./)
    const secrets = [app.config.secret as string]
    expect(await openSecret(secrets, ada.id, record.secret)).toBe(secret)
    expect(await openSecret(secrets, bob.id, record.secret)).toBeNull()
    expect(await openSecret(['another-secret-0123456789abcdef0123456789'], ada.id, record.secret)).toBeNull()
    // Recovery codes are stored as keyed hashes only.
    expect(record.recoveryCodes.every((h) => /^[0-9a-f]{64}$/.test(h))).toBe(true)
  })
})
