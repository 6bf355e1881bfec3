import { Configuration } from '../errors.js'
import { httpEmailProvider, post, type HttpEmailConfig, type HttpEmailOptions } from './http-email.js'

export interface LoopsOptions extends HttpEmailOptions {
  /** The id of the Loops transactional e-mail; its template gets the link as the `url` data variable. */
  transactionalId?: string
}

export type LoopsConfig = HttpEmailConfig & { transactionalId?: string }

/**
 * Loops (https://loops.so/docs/api-reference/send-transactional-email): `POST https://app.loops.so/api/v1/transactional`
 * with `Authorization: Bearer <apiKey>` and `{ transactionalId, email, dataVariables: { url } }`. The
 * subject and body are the Loops template's; `from` is set in Loops. `apiKey` or `AUTH_LOOPS_KEY`.
 */
export default function Loops(options: LoopsOptions = {}): LoopsConfig {
  return httpEmailProvider(
    {
      id: 'loops',
      name: 'Loops',
      requireFrom: false,
      send: (m) => {
        const transactionalId = (m.provider as LoopsConfig).transactionalId
        if (!transactionalId) throw new Configuration('Loops provider: set transactionalId')
        return post(m.fetch, 'Loops', 'https://app.loops.so/api/v1/transactional', {
          headers: { authorization: `Bearer ${m.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ transactionalId, email: m.to, dataVariables: { url: m.url } }),
        })
      },
    },
    options,
  )
}

export { Loops }
