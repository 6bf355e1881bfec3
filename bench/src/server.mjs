// One library behind Hono on @hono/node-server, on 127.0.0.1 and a free port; reports the port to the parent.
import { Hono } from 'hono'
import { serve } from '@hono/node-server'
import { libs } from './fixtures.mjs'

const lib = libs[process.argv[2]]
if (!lib) throw new Error(`usage: server.mjs ${Object.keys(libs).join('|')}`)
const app = new Hono()
app.all('/auth/*', (c) => lib.Auth(c.req.raw, lib.config))
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
  process.send?.({ port: info.port })
})
process.on('disconnect', () => server.close(() => process.exit(0)))
