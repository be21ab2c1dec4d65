// Imported first by store tests: Pinia decides at load whether it runs in a browser, and outside
// one it warns on every store used outside a component. These tests stand in for the browser.
const g = globalThis as Record<string, unknown>;
g.window ??= globalThis;
