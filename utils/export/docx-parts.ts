import {
  BorderStyle,
  HeadingLevel,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';

/**
 * Word's Chinese typefaces by their names in Word, WPS and LibreOffice: 宋体 (or 仿宋) for text,
 * 黑体 for headings. Latin text keeps a Latin face so numbers and addresses look right.
 */
export const SONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体', cs: 'Times New Roman' };
export const FANGSONG = { ...SONG, eastAsia: '仿宋' };
export const HEI = { ascii: 'Arial', hAnsi: 'Arial', eastAsia: '黑体', cs: 'Arial' };
export const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
];

/** Word's heading styles in 黑体, black, sized down by level. */
export function headingStyles() {
  // The outline level is what makes LibreOffice (and the navigation pane of WPS) read them as headings.
  const style = (size: number, outlineLevel: number) => ({
    run: { font: HEI, color: '000000', bold: true, size },
    paragraph: { spacing: { before: 240, after: 120 }, outlineLevel },
  });
  return {
    heading1: style(32, 0),
    heading2: style(28, 1),
    heading3: style(26, 2),
    heading4: style(24, 3),
    heading5: style(24, 4),
    heading6: style(24, 5),
  };
}

export type RunOptions = Omit<ConstructorParameters<typeof TextRun>[0] & object, 'text'>;

/** A run per line, with line breaks between, since a run's text cannot hold a newline. */
export function lines(
  text: string,
  options: RunOptions = {},
  show: (line: string) => string = (line) => line,
): TextRun[] {
  return text
    .split(/\r\n?|\n/)
    .map((line, index) => new TextRun({ ...options, text: show(line), break: index > 0 ? 1 : undefined }));
}

/** A heading paragraph at `depth` (0 = Heading 1), deeper ones kept at the last level. */
export function heading(text: string, depth: number, children: ParagraphChild[] = lines(text)): Paragraph {
  return new Paragraph({ heading: HEADINGS[Math.min(depth, HEADINGS.length - 1)], children });
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: 'BFBFBF' };

/** A full-width table with thin grey rules, rows of cells each given as its paragraphs' runs and its width in %. */
export function ruledTable(rows: { width: number; paragraphs: ParagraphChild[][] }[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: {
      top: BORDER,
      bottom: BORDER,
      left: BORDER,
      right: BORDER,
      insideHorizontal: BORDER,
      insideVertical: BORDER,
    },
    rows: rows.map(
      (cells) =>
        new TableRow({
          children: cells.map(
            ({ width, paragraphs }) =>
              new TableCell({
                width: { size: width, type: WidthType.PERCENTAGE },
                children: paragraphs.map((children) => new Paragraph({ children })),
              }),
          ),
        }),
    ),
  });
}
