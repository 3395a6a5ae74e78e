// Which step is being read, from step boxes and a reading line.
import { describe, expect, it } from 'vitest';
import { pickActiveStep } from '../../src/lib/scroll/activeStep.ts';

const boxes = [
  { id: 'a', top: -500, bottom: -100 },
  { id: 'b', top: -100, bottom: 300 },
  { id: 'c', top: 400, bottom: 900 },
];

describe('pickActiveStep', () => {
  it('picks the step crossing the line', () => {
    expect(pickActiveStep(boxes, 200)).toBe('b');
  });

  it('between steps keeps the last one above the line', () => {
    expect(pickActiveStep(boxes, 350)).toBe('b');
  });

  it('above every step picks the first, below every step the last', () => {
    expect(pickActiveStep(boxes, -800)).toBe('a');
    expect(pickActiveStep(boxes, 5000)).toBe('c');
  });

  it('has no answer without steps', () => {
    expect(pickActiveStep([], 10)).toBeUndefined();
  });
});
