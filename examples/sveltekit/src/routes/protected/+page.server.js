import { redirect } from '@sveltejs/kit'

/** @type {import('./$types').PageServerLoad} */
export async function load({ locals, url }) {
  const session = await locals.auth()
  if (!session) redirect(303, `/signin?callbackUrl=${encodeURIComponent(url.pathname + url.search)}`)
  return { session }
}
