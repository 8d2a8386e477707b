import { randomUUID } from "node:crypto";

/** A mail the local stack would have sent. Kept in memory; the dev page and the tests read it. */
export interface Mail {
  id: string;
  to: string;
  subject: string;
  text: string;
  /** Structured content so tests need not parse the text: the OTP code, the token hash, the link. */
  otp?: string;
  tokenHash?: string;
  link?: string;
  type: string;
  sentAt: string;
}

const MAILBOX_LIMIT = 1000;

export class Mailbox {
  private readonly mails: Mail[] = [];

  deliver(mail: Omit<Mail, "id" | "sentAt">): Mail {
    const stored: Mail = { ...mail, to: mail.to.toLowerCase(), id: randomUUID(), sentAt: new Date().toISOString() };
    this.mails.push(stored);
    if (this.mails.length > MAILBOX_LIMIT) this.mails.shift();
    return stored;
  }

  /** Newest first, optionally for one recipient. */
  list(to?: string): Mail[] {
    const wanted = to?.toLowerCase();
    return this.mails.filter((mail) => !wanted || mail.to === wanted).reverse();
  }

  clear(): void {
    this.mails.length = 0;
  }
}
