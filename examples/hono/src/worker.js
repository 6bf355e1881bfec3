// @ts-check
// Cloudflare Workers / workerd entry. Configure AUTH_SECRET and AUTH_URL as bindings (no nodejs_compat needed).
import { createApp } from './app.js'

export default createApp()
