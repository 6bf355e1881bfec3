/** A unified diff of two texts (line based, longest common subsequence, 3 lines of context). */
export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  if (before === after) return ''
  const a = before.split('\n')
  const b = after.split('\n')
  // LCS table from the end: fine for source files (the codemod only diffs files it changed).
  const n = a.length
  const m = b.length
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1))
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!)
    }
  }
  type Op = { kind: ' ' | '-' | '+'; line: string; ai: number; bi: number }
  const ops: Op[] = []
  let i = 0
  let j = 0
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ kind: ' ', line: a[i]!, ai: i++, bi: j++ })
    else if (i < n && (j >= m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) ops.push({ kind: '-', line: a[i]!, ai: i++, bi: j })
    else ops.push({ kind: '+', line: b[j]!, ai: i, bi: j++ })
  }
  const out = [`--- a/${path}`, `+++ b/${path}`]
  let k = 0
  while (k < ops.length) {
    if (ops[k]!.kind === ' ') {
      k++
      continue
    }
    // A hunk: from `context` lines before this change to `context` lines after the last change within reach.
    let start = Math.max(0, k - context)
    let end = k
    while (end < ops.length) {
      if (ops[end]!.kind !== ' ') {
        end++
        continue
      }
      let run = 0
      while (end + run < ops.length && ops[end + run]!.kind === ' ') run++
      if (end + run >= ops.length || run > 2 * context) {
        end = Math.min(ops.length, end + context)
        break
      }
      end += run
    }
    const hunk = ops.slice(start, end)
    const aCount = hunk.filter((o) => o.kind !== '+').length
    const bCount = hunk.filter((o) => o.kind !== '-').length
    const aStart = hunk[0]!.ai + (aCount ? 1 : 0)
    const bStart = hunk[0]!.bi + (bCount ? 1 : 0)
    out.push(`@@ -${aStart},${aCount} +${bStart},${bCount} @@`)
    for (const o of hunk) out.push(`${o.kind}${o.line}`)
    k = end
    start = end
  }
  return out.join('\n') + '\n'
}
