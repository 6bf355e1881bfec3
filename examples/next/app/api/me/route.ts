// An API route wrapped with auth(): the session is on req.auth.
import { auth } from '../../../auth'

export const GET = auth((req) => {
  if (!req.auth) return Response.json({ error: 'Unauthorized', message: 'Sign in first' }, { status: 401 })
  return Response.json({ user: req.auth.user, expires: req.auth.expires })
})
