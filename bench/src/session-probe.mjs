// Child process of size.mjs: loads a split edge bundle from argv[2], answers one GET /auth/session with a valid
// cookie through it, and reports which chunk files were loaded to do so (a resolve hook records every import).
import { register } from 'node:module'
import { pathToFileURL } from 'node:url'

const [dir, name] = process.argv.slice(2)
const loaded = new Set()
const { port1, port2 } = new MessageChannel()
port1.on('message', (url) => loaded.add(url))
port1.unref()
register(
  'data:text/javascript,' +
    encodeURIComponent(`let port; export function initialize(d) { port = d.port }
export async function resolve(s, c, next) { const r = await next(s, c); port.postMessage(r.url); return r }`),
  { data: { port: port2 }, transferList: [port2] },
)
const { makeSessionCookie, SECRET, ORIGIN } = await import('./fixtures.mjs')
const cookie = await makeSessionCookie({ secure: true })
const mod = await import(pathToFileURL(`${dir}/entry.js`).href)
const config = { secret: SECRET, trustHost: true, basePath: '/auth', providers: [mod.Google({ clientId: 'id', clientSecret: 'secret' })] }
const res = await mod.Auth(new Request(`${ORIGIN}/auth/session`, { headers: { cookie } }), config)
const body = await res.json()
if (body?.user?.name !== 'Ada Lovelace') throw new Error(`${name}: the bundle did not read the session`)
await new Promise((r) => setTimeout(r, 50)) // let the hook's last messages arrive
const prefix = pathToFileURL(dir).href + '/'
process.stdout.write(JSON.stringify([...loaded].filter((u) => u.startsWith(prefix)).map((u) => u.slice(prefix.length))))
