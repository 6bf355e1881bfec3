// Imported before the timer starts in the cold-import measurement: it boots Node's ESM loader for file URLs
// (a fixed cost any app pays once, whatever it imports), so the timing is of the library alone.
export const warm = true
