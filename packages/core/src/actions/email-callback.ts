import type { RequestContext, ResponseInternal } from '../context.js'
import type { EmailConfig } from '../providers/types.js'
import { Verification } from '../errors.js'

/** GET /callback/:emailProvider?token=&email= — consume the verification token and sign in. */
export async function emailCallback(ctx: RequestContext, provider: EmailConfig): Promise<ResponseInternal> {
  void ctx
  throw new Verification(`Email sign-in is not implemented yet for ${provider.id}`)
}
