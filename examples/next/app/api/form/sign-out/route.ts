// The signOut() server helper from a route handler: `redirectTo` (or `callbackUrl`) says where to go after.
import { signOut } from '../../../../auth'
import { isSameOrigin } from '../same-origin'

export async function POST(request: Request) {
  if (!isSameOrigin(request)) return Response.json({ error: 'Forbidden' }, { status: 403 })
  const form = await request.formData()
  const to = form.get('redirectTo') ?? form.get('callbackUrl')
  await signOut({ redirectTo: typeof to === 'string' ? to : '/' })
}
