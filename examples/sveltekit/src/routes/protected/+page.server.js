import { redirect } from '@sveltejs/kit'
import { signInRedirect } from '@latch/sveltekit'

/** @type {import('./$types').PageServerLoad} */
export async function load({ locals, url }) {
  const session = await locals.auth()
  // The sign-in page with this page as callbackUrl, through Latch's redirect check (a path like
  // `//evil.com/..` must not come back as a protocol-relative callbackUrl).
  if (!session) redirect(303, signInRedirect('/signin', url.pathname + url.search, url.href))
  return { session }
}
