/**
 * Poll `find` until it returns something (every 10 ms, at most `timeoutMs`): for what the app does after its
 * answer, such as the mails whose presence depends on whether an account exists (background/run.ts).
 */
export async function eventually<T>(find: () => T | undefined | null | Promise<T | undefined | null>, what: string, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const found = await find()
    if (found !== undefined && found !== null) return found
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}
