import type { Pool } from 'pg'

/** Anything with pg's `query(text, values)`: a Pool (recommended) or a Client. */
export type Queryable = Pick<Pool, 'query'>
