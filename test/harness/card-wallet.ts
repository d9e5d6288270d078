/**
 * What a Teams client remembers of the cards it was shown, for the card action tokens (ADR 14):
 * every Action.Execute the bot sent into a conversation, with its `data` (which holds the
 * button's `actionToken`). When a test presses a button by building the invoke by hand, the
 * channel takes the token from the card that button is on — as Teams does, which sends a button's
 * `data` back as it got it. Nothing is switched off: a button the bot never sent into this
 * conversation has no token, and is refused like a forged one.
 */
export class CardWallet {
  private readonly buttons: WalletButton[] = [];

  /** Remembers the buttons of a card the bot sent (a message, an update, or an invoke's answer) into `conversationId`. */
  remember(conversationId: string, card: unknown): void {
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!isRecord(node)) return;
      if (node.type === 'Action.Execute' && typeof node.verb === 'string' && isRecord(node.data) && typeof node.data.actionToken === 'string') {
        this.buttons.push({ conversation: conversationKey(conversationId), verb: node.verb, data: node.data, token: node.data.actionToken, pressedBy: new Set() });
      }
      Object.values(node).forEach(walk);
    };
    walk(card);
  }

  /** Remembers the Adaptive Cards of an activity the bot sent (attachments). */
  rememberActivity(conversationId: string, activity: Record<string, unknown>): void {
    const attachments = Array.isArray(activity.attachments) ? activity.attachments : [];
    for (const attachment of attachments) if (isRecord(attachment) && attachment.contentType === 'application/vnd.microsoft.card.adaptive') this.remember(conversationId, attachment.content);
  }

  /**
   * The invoke with the token of the newest matching button not pressed yet — same conversation,
   * same verb, and every field of the button's data that the test sent has the card's value — or
   * the invoke as it is when it already carries a token (a test replaying or forging one) or no
   * such button was shown. A pressed button is gone for the person who pressed it (Teams replaces
   * the card with the answer); in a channel the others still see it.
   */
  fill<T extends Record<string, unknown>>(activity: T): T {
    if (activity.type !== 'invoke' || activity.name !== 'adaptiveCard/action') return activity;
    const value = isRecord(activity.value) ? activity.value : undefined;
    const action = isRecord(value?.action) ? value.action : undefined;
    const data = isRecord(action?.data) ? action.data : undefined;
    const conversation = isRecord(activity.conversation) && typeof activity.conversation.id === 'string' ? conversationKey(activity.conversation.id) : undefined;
    const from = isRecord(activity.from) ? String(activity.from.aadObjectId ?? activity.from.id ?? '') : '';
    if (!action || !data || conversation === undefined || Object.prototype.hasOwnProperty.call(data, 'actionToken')) return activity;
    for (let i = this.buttons.length - 1; i >= 0; i -= 1) {
      const button = this.buttons[i]!;
      if (button.pressedBy.has(from) || button.conversation !== conversation || button.verb !== action.verb) continue;
      const agrees = Object.entries(button.data).every(
        ([key, shown]) => key === 'actionToken' || key === 'verb' || !Object.prototype.hasOwnProperty.call(data, key) || JSON.stringify(data[key]) === JSON.stringify(shown),
      );
      if (!agrees) continue;
      button.pressedBy.add(from);
      return { ...activity, value: { ...value, action: { ...action, data: { ...data, actionToken: button.token } } } };
    }
    return activity;
  }

  /** Forgets every card (a test that wants a Teams client without history). */
  clear(): void {
    this.buttons.length = 0;
  }
}

interface WalletButton {
  readonly conversation: string;
  readonly verb: string;
  readonly data: Record<string, unknown>;
  readonly token: string;
  readonly pressedBy: Set<string>;
}

/** A channel thread (`…;messageid=…`) is the channel the card was posted to. */
function conversationKey(id: string): string {
  const at = id.indexOf(';messageid=');
  return at === -1 ? id : id.slice(0, at);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
