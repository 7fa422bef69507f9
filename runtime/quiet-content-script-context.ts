/**
 * Takes the place of WXT's `ContentScriptContext` in the content script (wxt.config.ts points
 * WXT's generated entry here). WXT's announces every start to the page — a `window.postMessage`
 * and a document event, both named `<extension id>:content:wxt:content-script-started` — so that
 * an older copy of the script can stop itself; any page script hears it, and learns from it that
 * the reader runs Pizhu and its id. Pizhu never used that context (its `main` takes none and
 * nothing waits on its invalidation), so this one only carries the script's name and says nothing
 * to the page. A second run in the same page is stopped by the content script's own flag, kept in
 * its isolated world where the page cannot see it.
 */
export class ContentScriptContext {
  constructor(readonly contentScriptName: string) {}
}
