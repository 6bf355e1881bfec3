import adapter from '@sveltejs/adapter-node'

/** @type {import('@sveltejs/kit').Config} */
export default {
  kit: {
    adapter: adapter(),
    // SvelteKit's own check refuses cross-site form posts; Latch's CSRF token stays on as well.
    csrf: { checkOrigin: true },
  },
}
