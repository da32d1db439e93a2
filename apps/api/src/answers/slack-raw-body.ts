import { raw, type ErrorRequestHandler, type RequestHandler } from 'express';

export const SLACK_INTERACTIONS_PATH = '/integrations/slack/interactions';

const SLACK_BODY_LIMIT_BYTES = 64 * 1024;

/** A body the raw parser refused (too large, an unknown encoding) is answered with a code, as every other refusal of the route. */
const refuseUnreadable: ErrorRequestHandler = (error: unknown, _request, response, next) => {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) {
    next(error);
    return;
  }
  const tooLarge = (error as { type?: unknown }).type === 'entity.too.large';
  response.status(status).json({
    statusCode: status,
    code: tooLarge ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST',
    message: tooLarge ? `The request body is larger than the ${SLACK_BODY_LIMIT_BYTES / 1024} KiB allowed` : 'The request body could not be read',
  });
};

/**
 * Slack signs the body exactly as sent, so this one route keeps it raw (a Buffer in `req.body`);
 * mounted ahead of the api's JSON and form parsers, which then leave it alone.
 */
export const slackRawBody: (RequestHandler | ErrorRequestHandler)[] = [raw({ type: () => true, limit: SLACK_BODY_LIMIT_BYTES }), refuseUnreadable];
