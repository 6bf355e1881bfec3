import { signOut } from '$lib/server/auth.js'

/** @type {import('./$types').Actions} */
export const actions = { default: signOut }
