export * from './slack.address';
export * from './slack.sender';
export * from './slack-message.renderer';
export * from './block-kit.validator';
export * from './block-kit.limits';
export { slackAddressProblem, type SlackAddressProblem, type SlackAddressRules } from './slack-address.check';
