/** A highlight with its note, anchored by W3C-style selectors over the article's normalized text. */
export interface AnnotationRecord {
  id: string;
  articleId: string;
  urlKey: string;
  quote: { exact: string; prefix: string; suffix: string };
  /** Code-unit offsets into the normalized article text; only a hint when resolving. */
  position: { start: number; end: number };
  color: string;
  note: string;
  tags: string[];
  /** The annotator's display name, so a study group's merged notes keep their authors. */
  author: string;
  createdAt: string;
  updatedAt: string;
}
