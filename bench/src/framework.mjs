// A framework package's session read vs a direct `Auth()` GET /session, in one process, alternated. Base: the
// direct Auth() call (Request in, Response out, JSON read). Ratios above 1 = the framework path costs more.
import { Hono } from 'hono'
import { initAuthConfig, authHandler, getAuthUser } from '@latch/hono'
import { Auth, getSession } from '@latch/core'
import { latchConfig, ORIGIN, makeSessionCookie } from './fixtures.mjs'
import { alternate } from './alternate.mjs'

export async function frameworkCases() {
  const cookie = await makeSessionCookie({ secure: true })
  const config = latchConfig
  const app = new Hono()
  app.use('*', initAuthConfig(() => config))
  app.use('/auth/*', authHandler())
  app.get('/me', async (c) => c.json((await getAuthUser(c))?.session ?? null))
  const req = (path) => new Request(`${ORIGIN}${path}`, { headers: { cookie } })
  const fns = {
    direct: async () => (await Auth(req('/auth/session'), config)).json(),
    coreGetSession: async () => getSession(req('/dashboard'), config),
    honoGetAuthUser: async () => (await app.fetch(req('/me'))).json(),
    honoAuthHandler: async () => (await app.fetch(req('/auth/session'))).json(),
  }
  for (const [k, fn] of Object.entries(fns)) {
    const v = await fn()
    if (v?.user?.name !== 'Ada Lovelace') throw new Error(`framework bench, ${k}: no session (${JSON.stringify(v)})`)
  }
  return [
    { name: 'getSession(request) from @latch/core vs Auth() GET /session', fns: { direct: fns.direct, framework: fns.coreGetSession } },
    { name: '@latch/hono getAuthUser in a route (app.fetch) vs Auth() GET /session', fns: { direct: fns.direct, framework: fns.honoGetAuthUser } },
    { name: '@latch/hono getAuthUser route vs authHandler GET /auth/session, same app', fns: { direct: fns.honoAuthHandler, framework: fns.honoGetAuthUser } },
  ]
}

export async function runFramework({ log = console.log } = {}) {
  return alternate(await frameworkCases(), { base: 'direct', log })
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await runFramework(), null, 2))
