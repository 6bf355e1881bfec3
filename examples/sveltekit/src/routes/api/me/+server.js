import { json } from '@sveltejs/kit'

/** @type {import('./$types').RequestHandler} */
export async function GET({ locals }) {
  const session = await locals.auth()
  if (!session) return json({ error: 'Unauthorized', message: 'Sign in to access this resource' }, { status: 401 })
  return json({ user: session.user ?? null })
}
