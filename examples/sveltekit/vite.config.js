import { sveltekit } from '@sveltejs/kit/vite'
import { defaultClientConditions, defaultServerConditions, defineConfig } from 'vite'

// LATCH_SOURCE=1 (the tests) builds against the TypeScript sources of the workspace packages instead of dist/.
const source = process.env.LATCH_SOURCE === '1' ? ['latch-source'] : []

export default defineConfig({
  plugins: [sveltekit()],
  resolve: { conditions: [...source, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [...source, ...defaultServerConditions], externalConditions: [...source, ...defaultServerConditions] } },
})
