import '../session-path.js' // one edge chunk for the session path (session-path.ts)
import type { RequestContext, ResponseInternal } from '../context.js'
import type { EmailConfig, OAuthConfig } from '../providers/types.js'
import { InvalidProvider } from '../errors.js'
import { oauthSignin } from '../oauth/signin.js'
import { pageUrl, redirectTo, resolveCallbackUrl } from '../http/redirect.js'
import { emailSignin } from './email-signin.js'

/** POST /signin/:provider (CSRF checked by the dispatcher). */
export async function signinAction(ctx: RequestContext): Promise<ResponseInternal> {
  const provider = ctx.provider
  if (!provider) throw new InvalidProvider('POST /signin needs a provider id: /signin/<provider>')
  const { cookie } = await resolveCallbackUrl(ctx)
  let res: ResponseInternal
  switch (provider.type) {
    case 'oauth':
    case 'oidc':
      res = await oauthSignin(ctx, provider as OAuthConfig)
      break
    case 'email':
      res = await emailSignin(ctx, provider as EmailConfig)
      break
    case 'credentials':
    case 'password':
      // Credentials and passwords post straight to /callback/<id>; send the browser to the form.
      res = redirectTo(ctx, pageUrl(ctx, 'signin', { callbackUrl: cookie?.value }))
      break
    default:
      throw new InvalidProvider()
  }
  if (cookie) res = { ...res, cookies: [...(res.cookies ?? []), cookie] }
  return res
}
