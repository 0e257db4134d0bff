/** A small seeded PRNG (mulberry32): the same seed gives the same data set on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

export function integer(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function hex(random: () => number, length: number): string {
  let text = '';
  for (let index = 0; index < length; index++) text += Math.floor(random() * 16).toString(16);
  return text;
}

/** An Indian mobile number: ten digits starting 6 to 9. */
export function indianMobile(random: () => number): string {
  return `${integer(random, 6, 9)}${String(integer(random, 0, 999_999_999)).padStart(9, '0')}`;
}
