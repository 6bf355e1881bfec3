// @ts-check
/** @param {unknown} s */
export function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch)
}

/** @param {string} title @param {string} body */
export function page(title, body) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5; color: #222; }
  header { display: flex; align-items: baseline; gap: .75rem; border-bottom: 1px solid #ddd; margin-bottom: 1.5rem; }
  header a { color: inherit; text-decoration: none; font-weight: 700; }
  pre { background: #f5f5f5; padding: 1rem; border-radius: 6px; overflow: auto; }
  .button { display: inline-block; padding: .45rem .9rem; border-radius: 6px; background: #1f6feb; color: #fff; text-decoration: none; }
  .button + .button { margin-left: .5rem; }
</style>
</head>
<body>
<header><a href="/">Latch</a><span>example</span></header>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>`
}
