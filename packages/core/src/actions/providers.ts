import '../session-path.js' // one edge chunk for the session path (session-path.ts)
import type { RequestContext, ResponseInternal } from '../context.js'
import { json, NO_STORE } from '../http/response.js'

/** GET /providers: the public description of each provider (never secrets). */
export async function providersAction(ctx: RequestContext): Promise<ResponseInternal> {
  const body: Record<string, unknown> = {}
  for (const p of ctx.options.providers) {
    body[p.id] = {
      id: p.id,
      name: p.name,
      type: p.type,
      signinUrl: `${ctx.authUrl}/signin/${p.id}`,
      callbackUrl: `${ctx.authUrl}/callback/${p.id}`,
    }
  }
  return json(body, 200, { headers: NO_STORE })
}
