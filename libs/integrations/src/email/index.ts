export * from './email.address';
export * from './email.sender';
export * from './email-content.renderer';
export { nudgeEmailHeaders, DELIVERY_ID_HEADER, ATTEMPT_HEADER, type NudgeEmailHeaders } from './email-headers';
export { emailAddressProblem, smtpSettingsProblem, isMailbox } from './email-address.check';
export { DEFAULT_SMTP_CONNECTIONS_PER_SERVER, DEFAULT_SMTP_TIMEOUTS, smtpServerKey, type SmtpTimeouts } from './smtp.transports';
