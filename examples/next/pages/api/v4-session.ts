// The v4 way, still working: getServerSession(req, res, authOptions) in a pages-router API route.
import type { NextApiRequest, NextApiResponse } from 'next'
import { getServerSession } from '@latch/next'
import { authConfig } from '../../auth'

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = await getServerSession(req, res, authConfig)
  if (!session) return res.status(401).json({ error: 'Unauthorized' })
  res.json(session)
}
