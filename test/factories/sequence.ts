/** Numbers that make each built value unique within a test process. */
let sequence = 0;

export function nextSequence(): number {
  sequence += 1;
  return sequence;
}
