import type { RequestContext, ResponseInternal } from '../context.js'
import { NO_STORE } from '../http/response.js'

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
  return { status: 200, headers: { 'Content-Type': 'application/json', ...NO_STORE }, body }
}
