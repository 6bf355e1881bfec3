import '../session-path.js' // one edge chunk for the session path (session-path.ts)
import type { RequestContext, ResponseInternal } from '../context.js'
import { str } from '../http/body.js'

/**
 * POST /_log: next-auth v4's browser client beacons its own errors here (`CLIENT_FETCH_ERROR`, ...).
 * Accepted and dropped with a debug line (code and level only: the rest is client-chosen text), so a v4 client
 * does not add a 404 to every error it reports.
 */
export async function clientLogAction(ctx: RequestContext): Promise<ResponseInternal> {
  const code = str(ctx.body?.code)?.slice(0, 64)
  const level = str(ctx.body?.level)?.slice(0, 16)
  ctx.options.logger.debug('client log (next-auth v4 client)', { level, code })
  return { status: 204, headers: { 'Cache-Control': 'no-store' } }
}
