// Stand-in for SvelteKit's `$env/dynamic/private` in in-process tests: nothing from the environment.
export const env: Record<string, string | undefined> = {}
