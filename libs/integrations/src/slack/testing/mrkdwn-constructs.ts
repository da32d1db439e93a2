/**
 * Slack markup a member could type into a step title, a vision or their name, the text objects a
 * Block Kit message holds, and what Slack shows for escaped text (it decodes `&amp;`, `&lt;` and
 * `&gt;`, nothing else).
 */
export const MRKDWN_CONSTRUCTS: readonly (readonly [name: string, text: string])[] = [
  ['a channel mention', '<!channel> urgent'],
  ['a here mention', '<!here> urgent'],
  ['an everyone mention', '<!everyone> urgent'],
  ['a user mention', '<@U0123ABCD> asked'],
  ['a user group mention', '<!subteam^S0123ABCD|@leads> asked'],
  ['a channel link', '<#C0123ABCD|general>'],
  ['a disguised link', '<https://evil.example|reset your password>'],
  ['a date', '<!date^1392734382^{date}|today>'],
  ['an entity', 'Tom &amp; Jerry &lt;3'],
  ['bold', '*urgent*'],
  ['italic', '_quietly_'],
  ['strikethrough', '~cancelled~'],
  ['code', '`rm -rf` and ```a block```'],
  ['a quote', '> from IT: reset now'],
];

const ENTITIES: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/** The text Slack shows for `escaped` where it reads no markup in it. */
export const readAsSlackText = (escaped: string): string => escaped.replace(/&(amp|lt|gt);/g, (entity) => ENTITIES[entity]);

export interface SlackTextObject {
  readonly type: string;
  readonly text: string;
}

/** Every text object in `blocks`: headers, sections and their fields, context elements, buttons, menus and their options. */
export const textObjectsOf = (blocks: readonly unknown[]): SlackTextObject[] => {
  const found: SlackTextObject[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      if ((record.type === 'plain_text' || record.type === 'mrkdwn') && typeof record.text === 'string') found.push({ type: record.type, text: record.text });
      else Object.values(record).forEach(visit);
    }
  };
  visit(blocks);
  return found;
};
