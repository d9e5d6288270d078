/**
 * The personal chat of bench person `i` of a scenario: the turns bench builds its activities with
 * this conversation id, and the bench server binds the person's card action tokens to it.
 */
export function benchConversationId(scenario: 'booking' | 'intake', i: number): string {
  return `a:1bench-${scenario}-${i}`;
}
