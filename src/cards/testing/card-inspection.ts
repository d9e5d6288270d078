/** Helpers for card tests: read a rendered card the way a person would see it. */

/** An action as it appears in card JSON. */
export interface CardAction {
  readonly type: string;
  readonly title?: string;
  readonly verb?: string;
  readonly url?: string;
  readonly style?: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

/** Every action anywhere in the card JSON (body ActionSets and card actions), in document order. */
export function actionsIn(node: unknown): CardAction[] {
  if (Array.isArray(node)) return node.flatMap(actionsIn);
  if (typeof node !== 'object' || node === null) return [];
  const type = (node as { type?: unknown }).type;
  const self = typeof type === 'string' && type.startsWith('Action.') ? [node as CardAction] : [];
  return [...self, ...Object.values(node).flatMap(actionsIn)];
}

/** Every user-visible string (TextBlock text, action title, fallback text). */
export function visibleTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(visibleTexts);
  if (typeof node !== 'object' || node === null) return [];
  const own = Object.entries(node)
    .filter(([key, value]) => ['text', 'title', 'fallbackText'].includes(key) && typeof value === 'string')
    .map(([, value]) => value as string);
  return [...own, ...Object.values(node).flatMap(visibleTexts)];
}
