const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A count (requests a server received) once it has stood still for `quietSteps` polls of
 * `stepMs`, or after `maxSteps` polls. For "nothing more is sent after the stop": requests
 * written just before the stop may land later, hundreds of milliseconds on a loaded machine,
 * and each small step lets the server take in what reached its socket meanwhile, where one
 * long pause read once could be outlasted.
 */
export async function settledCount(
  read: () => number,
  { stepMs = 25, quietSteps = 10, maxSteps = 200 } = {},
): Promise<number> {
  let settled = read();
  for (let quiet = 0, steps = 0; quiet < quietSteps && steps < maxSteps; steps++) {
    await pause(stepMs);
    const count = read();
    quiet = count === settled ? quiet + 1 : 0;
    settled = count;
  }
  return settled;
}
