/** The markdown-it plugins the Markdown round-trip test reads exports with: GFM footnotes and `==mark==`. */
declare module 'markdown-it-footnote' {
  import type { PluginSimple } from 'markdown-it';
  const footnotes: PluginSimple;
  export default footnotes;
}
declare module 'markdown-it-mark' {
  import type { PluginSimple } from 'markdown-it';
  const marks: PluginSimple;
  export default marks;
}
