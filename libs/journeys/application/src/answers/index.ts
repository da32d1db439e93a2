export * from './answer-link.ports';
export * from './answer-link.reader';
export * from './answer-reflection-nudge.command';
export * from './answer-reflection-nudge.handler';
export { answerLinkCommandId } from './open-answer-link';

import { AnswerReflectionNudgeHandler } from './answer-reflection-nudge.handler';

/** The handlers of one-tap answers; the api registers them beside the journey command handlers. */
export const answerLinkHandlers = [AnswerReflectionNudgeHandler];
