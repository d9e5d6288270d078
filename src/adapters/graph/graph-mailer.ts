import type { Client } from '@microsoft/microsoft-graph-client';
import type { FileAttachment, Message } from '@microsoft/microsoft-graph-types';
import type { Mailer, OutgoingMail } from '../../use-cases/ports/graph.js';
import { callGraph, DEFAULT_GRAPH_TIMEOUT_MS, graphRequest } from './graph-request.js';

/** Tuning of {@link GraphMailer}. */
export interface GraphMailerOptions {
  readonly timeoutMs?: number;
}

/** The body of `POST /users/{id}/sendMail` (an action: no entity type in graph-types). */
interface SendMailBody {
  message: Message;
  saveToSentItems: boolean;
}

/** A file attachment needs its OData type in the request; graph-types leaves annotations out. */
type FileAttachmentBody = FileAttachment & { '@odata.type': '#microsoft.graph.fileAttachment' };

/**
 * `Mailer` over `POST /users/{fromUpn}/sendMail` (application permission `Mail.Send`, which
 * reaches every mailbox unless an Exchange application access policy narrows it to the service's
 * sending mailbox — do that). `saveToSentItems: false`: the register is the record, not the
 * mailbox, and a copy there would be one more place holding personal data to purge.
 */
export class GraphMailer implements Mailer {
  private readonly timeoutMs: number;

  constructor(
    private readonly client: Client,
    options: GraphMailerOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_GRAPH_TIMEOUT_MS;
  }

  async send(mail: OutgoingMail): Promise<void> {
    const message: Message = {
      subject: mail.subject,
      body: { contentType: 'html', content: mail.html },
      toRecipients: mail.to.map((address) => ({ emailAddress: { address } })),
    };
    if (mail.icsAttachment) {
      const attachment: FileAttachmentBody = {
        '@odata.type': '#microsoft.graph.fileAttachment',
        name: mail.icsAttachment.fileName,
        // No `method=` parameter: it must match the METHOD inside the file, which the caller writes.
        contentType: 'text/calendar; charset=utf-8',
        contentBytes: Buffer.from(mail.icsAttachment.content, 'utf8').toString('base64'),
      };
      message.attachments = [attachment];
    }
    const body: SendMailBody = { message, saveToSentItems: false };
    const path = `/users/${encodeURIComponent(mail.fromUpn)}/sendMail`;
    await callGraph('sendMail', () => graphRequest(this.client, path, this.timeoutMs).post(body) as Promise<unknown>);
  }
}
