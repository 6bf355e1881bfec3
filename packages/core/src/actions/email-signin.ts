import type { RequestContext, ResponseInternal } from '../context.js'
import type { EmailConfig } from '../providers/types.js'
import { EmailSignin } from '../errors.js'

/** POST /signin/:emailProvider — normalize the address, store a hashed token, send the magic link. */
export async function emailSignin(ctx: RequestContext, provider: EmailConfig): Promise<ResponseInternal> {
  void ctx
  throw new EmailSignin(`Email sign-in is not implemented yet for ${provider.id}`)
}
