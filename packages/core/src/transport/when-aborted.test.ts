import { describe, expect, test } from 'vitest';
import { whenAborted } from './when-aborted.js';

describe('whenAborted', () => {
  test('tells every wait in progress, with the reason, once', () => {
    const controller = new AbortController();
    const heard: unknown[] = [];
    whenAborted(controller.signal, (reason) => heard.push(['a', reason]));
    whenAborted(controller.signal, (reason) => heard.push(['b', reason]));
    const reason = new Error('stop');
    controller.abort(reason);
    controller.abort(new Error('again'));
    expect(heard).toEqual([
      ['a', reason],
      ['b', reason],
    ]);
  });

  test('a wait that stopped is not told, and its slot serves the next wait', () => {
    const controller = new AbortController();
    const heard: string[] = [];
    const stopFirst = whenAborted(controller.signal, () => heard.push('first'));
    stopFirst();
    const stopSecond = whenAborted(controller.signal, () => heard.push('second'));
    // Stopping the first again must not stop the second, which now holds its slot.
    stopFirst();
    controller.abort();
    expect(heard).toEqual(['second']);
    stopSecond();
  });

  test('a signal already aborted calls back at once', () => {
    const reason = new Error('gone');
    const heard: unknown[] = [];
    whenAborted(AbortSignal.abort(reason), (value) => heard.push(value));
    expect(heard).toEqual([reason]);
  });

  test('adds one listener to the signal however many waits come and go', () => {
    const controller = new AbortController();
    let added = 0;
    const addEventListener = controller.signal.addEventListener.bind(controller.signal);
    controller.signal.addEventListener = (...args: Parameters<typeof addEventListener>) => {
      added++;
      addEventListener(...args);
    };
    for (let index = 0; index < 1000; index++) whenAborted(controller.signal, () => undefined)();
    expect(added).toBe(1);
  });
});
