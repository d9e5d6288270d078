import { createRequire } from 'node:module';

// Test support only (imports the renderer, a devDependency). The UMD bundle is what DESIGN.md
// measured: it parses and validates a 1.5 card in Node without a DOM.
const require = createRequire(import.meta.url);
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

/** What the real Adaptive Cards renderer thinks of a card. */
export interface RendererVerdict {
  /** Parse-time events (unknown element or action types, bad versions). */
  readonly parseErrors: readonly string[];
  /** `validateProperties()` events (too many actions, duplicate ids, missing labels …). */
  readonly validationErrors: readonly string[];
  /**
   * Properties present in our JSON that the renderer dropped when serialising the card back,
   * as paths (`body[2].styl`). The renderer ignores unknown or misspelled properties silently,
   * so this is how a typo in a template shows up.
   */
  readonly droppedProperties: readonly string[];
  /** The parsed card, for assertions on its object model. */
  readonly card: InstanceType<typeof AC.AdaptiveCard>;
}

/** Parses `json` with the real renderer at schema version 1.5 and collects every complaint. */
export function parseWithRenderer(json: object): RendererVerdict {
  // Renderer bug (adaptivecards 3.0.x): the `lang` pattern is a global RegExp used with exec(),
  // so its lastIndex survives between parses and every second valid "fi" is reported invalid.
  const langPattern = AC.CardElement.langProperty.regEx;
  if (langPattern) langPattern.lastIndex = 0;
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(json, context);
  const parseErrors = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
  const validationErrors = card.validateProperties().validationEvents.map((e) => e.message);
  const roundTrip = card.toJSON(context) ?? {};
  return { parseErrors, validationErrors, droppedProperties: droppedPaths(json, roundTrip, ''), card };
}

function droppedPaths(input: unknown, output: unknown, path: string): string[] {
  if (Array.isArray(input)) {
    if (!Array.isArray(output)) return [path];
    return input.flatMap((item, i) => droppedPaths(item, output[i], `${path}[${i}]`));
  }
  if (typeof input === 'object' && input !== null) {
    if (typeof output !== 'object' || output === null) return [path];
    const out = output as Record<string, unknown>;
    return Object.entries(input).flatMap(([key, value]) =>
      key in out ? droppedPaths(value, out[key], path ? `${path}.${key}` : key) : [path ? `${path}.${key}` : key],
    );
  }
  return [];
}
