/** A deterministic xorshift generator in [0, 1), so two runs of a benchmark or a fuzz test see the same inputs. */
export function seededRandom(seed: number): () => number {
  let state = seed || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}
