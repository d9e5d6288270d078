import type { Mailer, OutgoingMail } from '../../src/use-cases/ports/graph.js';

/**
 * A Mailer that records what it sends. Built with `false`, any send fails the test: for cases
 * that must send nothing.
 */
export class FakeMailer implements Mailer {
  readonly sent: OutgoingMail[] = [];
  constructor(private readonly allowed: boolean) {}
  async send(mail: OutgoingMail): Promise<void> {
    if (!this.allowed) throw new Error(`unexpected mail "${mail.subject}"`);
    this.sent.push(mail);
  }
}
