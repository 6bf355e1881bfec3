import { safeRedirectPath } from '@latch/sveltekit'
import { signIn } from '$lib/server/auth.js'

/** @type {import('./$types').PageServerLoad} */
export function load({ url }) {
  // The form carries callbackUrl back to the action: only a same-origin path is rendered into it.
  return { callbackUrl: safeRedirectPath(url.searchParams.get('callbackUrl') ?? '/', url.href) }
}

/** @type {import('./$types').Actions} */
export const actions = { default: signIn }
