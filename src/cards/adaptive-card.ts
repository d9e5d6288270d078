import { Template } from 'adaptivecards-templating';

/** Bot Framework content type of an Adaptive Card attachment. */
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/**
 * Schema version of every Neuvo card. 1.5 is the newest Teams renders everywhere, and the first
 * with `rtl` on the card and `style: "heading"` on TextBlock.
 */
export const CARD_VERSION = '1.5';

/** An expanded Adaptive Card: plain JSON, ready to send. */
export interface AdaptiveCardContent {
  readonly type: 'AdaptiveCard';
  readonly version: typeof CARD_VERSION;
  readonly [property: string]: unknown;
}

/**
 * The card as a Bot Framework attachment. Structurally an `Attachment` from botbuilder, declared
 * here so `cards/` does not import the SDK (eslint layer rule).
 */
export interface CardAttachment {
  readonly contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE;
  readonly content: AdaptiveCardContent;
}

/** A card template that did not expand into a valid card: always a bug in the template or its view model. */
export class CardRenderError extends Error {
  override readonly name = 'CardRenderError';
  constructor(
    readonly reason: 'template_warning' | 'not_a_card',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Compiles a JSON template once and returns a pure function that expands it with `$root` = the
 * template data. Any templating warning (e.g. `${field}` with no value, which the engine would
 * otherwise leave in the card as literal text) throws {@link CardRenderError}.
 */
export function compileCardTemplate<TData extends object>(name: string, json: object): (data: TData) => CardAttachment {
  const template = new Template(json);
  return (data) => {
    const expanded: unknown = template.expand({ $root: data });
    const warnings = template.getLastTemplateExpansionWarnings();
    if (warnings.length > 0) {
      throw new CardRenderError('template_warning', `Card "${name}" expanded with warnings: ${warnings.join('; ')}`);
    }
    if (!isCard(expanded)) {
      throw new CardRenderError('not_a_card', `Card "${name}" did not expand to an AdaptiveCard ${CARD_VERSION}.`);
    }
    return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: expanded };
  };
}

function isCard(value: unknown): value is AdaptiveCardContent {
  if (typeof value !== 'object' || value === null) return false;
  const card = value as { type?: unknown; version?: unknown };
  return card.type === 'AdaptiveCard' && card.version === CARD_VERSION;
}
