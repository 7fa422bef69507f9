export async function timeInChromium(_pages: unknown[]): Promise<{ pizhu: number; readability: number }> {
  throw new Error('not yet');
}
