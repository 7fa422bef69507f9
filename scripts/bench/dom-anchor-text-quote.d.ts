/** The parts of dom-anchor-text-quote (the peer measured in bench:anchor) that the benchmark uses. */
declare module 'dom-anchor-text-quote' {
  export interface TextQuote {
    exact: string;
    prefix?: string;
    suffix?: string;
  }
  export function fromRange(root: Node, range: Range): TextQuote;
  export function toTextPosition(
    root: Node,
    selector: TextQuote,
    options?: { hint?: number },
  ): { start: number; end: number } | null;
  export function toRange(root: Node, selector: TextQuote, options?: { hint?: number }): Range | null;
}
