/**
 * A small seeded generator (mulberry32) for tests that take random steps: the same seed, the same steps, so a failure
 * names a seed and step that replay the same way.
 */
export function seededRandom(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    /** 0 … n − 1. */
    int,
    /** True with probability `p`. */
    chance: (p: number) => next() < p,
    pick: <T>(list: readonly T[]): T => list[int(list.length)]!,
    /** `n` different items of `list` (all of them when fewer). */
    some: <T>(list: readonly T[], n: number): T[] => {
      const left = [...list];
      return Array.from({ length: Math.min(n, left.length) }, () => left.splice(int(left.length), 1)[0]!);
    },
  };
}
