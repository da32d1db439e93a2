import { raw, type RequestHandler } from 'express';

export const SLACK_INTERACTIONS_PATH = '/integrations/slack/interactions';

/**
 * Slack signs the body exactly as sent, so this one route keeps it raw (a Buffer in `req.body`);
 * mounted ahead of the api's JSON and form parsers, which then leave it alone.
 */
export const slackRawBody: RequestHandler = raw({ type: () => true, limit: '64kb' });
