// A happy-dom window for React tests, installed by hand so that fetch, Request, Response and Headers stay
// Node's own (happy-dom's browser versions drop the Cookie header, which the fake "browser" here needs).
import { Window } from 'happy-dom'

export const win = new Window({ url: 'http://app.test/page' })
const g = globalThis as Record<string, unknown>
g.window = win
g.document = win.document
if (!('navigator' in globalThis)) g.navigator = win.navigator
g.HTMLElement = win.HTMLElement
g.IS_REACT_ACT_ENVIRONMENT = true
