/** The five highlight colours (黄 绿 蓝 粉 紫), light enough to read black text through. */
export const HIGHLIGHT_COLORS = {
  yellow: '#fff3a3',
  green: '#c8f2c2',
  blue: '#c7e3ff',
  pink: '#ffd1e3',
  purple: '#e3d4ff',
} as const;

export type HighlightColor = keyof typeof HIGHLIGHT_COLORS;
