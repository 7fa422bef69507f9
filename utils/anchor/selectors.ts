/** W3C Web Annotation selectors as Pizhu stores them, over an anchoring text index's text. */
export interface TextQuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
}

/** Code-unit offsets into the normalized text; only a hint when resolving. */
export interface TextPositionSelector {
  start: number;
  end: number;
}

export interface TextAnchor {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

export const CONTEXT_LENGTH = 32;
