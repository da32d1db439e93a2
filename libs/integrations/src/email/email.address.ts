/** Where an email nudge goes, and how: the member's address, their unsubscribe links, and optionally the SMTP server to use. */
export interface EmailAddress {
  readonly to: string;
  readonly name?: string;
  /** The member's one-click unsubscribe (RFC 8058): in the List-Unsubscribe headers and in the body. */
  readonly unsubscribe?: EmailUnsubscribe;
  /**
   * The organisation's own SMTP server for this send; the sender's settings otherwise. With `auth` and
   * not `secure`, it is sent as if `requireTls` were set: its password never goes out without TLS.
   */
  readonly smtp?: SmtpSettings;
}

export interface EmailUnsubscribe {
  /** The one-click endpoint, https (RFC 8058 requires it). */
  readonly url: string;
  /** `mailto:` for mail clients that unsubscribe by mail. */
  readonly mailto?: string;
}

export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  /** TLS from the first byte (usually port 465); otherwise STARTTLS is used when the server offers it. */
  readonly secure: boolean;
  /** Refuse to send unless STARTTLS succeeds (for `secure: false`). */
  readonly requireTls?: boolean;
  readonly auth?: { readonly user: string; readonly pass: string };
  readonly from: { readonly address: string; readonly name?: string };
}
