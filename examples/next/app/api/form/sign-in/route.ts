// The signIn() server helper from a route handler (what a server action does, for a plain HTML form):
// `providerId` picks the provider, `redirectTo` (or `callbackUrl`) where to go, the rest goes to the provider.
// signIn() calls redirect() (NEXT_REDIRECT, answered by Next with a redirect); a refused sign-in throws AuthError.
import { AuthError } from '@latch/next'
import { signIn } from '../../../../auth'
import { isSameOrigin } from '../same-origin'

export async function POST(request: Request) {
  if (!isSameOrigin(request)) return Response.json({ error: 'Forbidden' }, { status: 403 })
  const form = await request.formData()
  const provider = form.get('providerId')
  form.delete('providerId')
  form.delete('csrfToken')
  try {
    await signIn(typeof provider === 'string' && provider ? provider : undefined, form)
  } catch (error) {
    if (!(error instanceof AuthError)) throw error // NEXT_REDIRECT
    return Response.redirect(new URL(`/api/auth/signin?error=${encodeURIComponent(error.type)}`, process.env.AUTH_URL ?? request.url), 303)
  }
}
