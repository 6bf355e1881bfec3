// Next's request APIs, mocked for every unit test: headers()/cookies() read and record through `nextMock`,
// redirect() throws a RedirectError carrying the URL (as Next throws NEXT_REDIRECT).
import { vi } from 'vitest'

vi.mock('next/headers', async () => {
  const { nextMock } = await import('./helpers.js')
  return {
    headers: async () => nextMock.headers,
    cookies: async () => ({
      set(name: string, value: string, options: Record<string, unknown>) {
        if (nextMock.readonlyCookies) throw new Error('Cookies can only be modified in a Server Action or Route Handler.')
        nextMock.written.set(name, { value, options })
      },
    }),
  }
})

vi.mock('next/navigation', async () => {
  const { RedirectError } = await import('./helpers.js')
  return {
    redirect: (url: string) => {
      throw new RedirectError(url)
    },
  }
})
