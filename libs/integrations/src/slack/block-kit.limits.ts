/** The Block Kit limits a nudge can reach, from Slack's block and element reference. */
export const BLOCK_KIT_LIMITS = {
  blocksPerMessage: 50,
  headerText: 150,
  sectionText: 3000,
  fieldsPerSection: 10,
  fieldText: 2000,
  elementsPerActions: 25,
  elementsPerContext: 10,
  contextText: 3000,
  buttonText: 75,
  buttonValue: 2000,
  buttonAccessibilityLabel: 75,
  url: 3000,
  actionId: 255,
  /** A static select menu: options, their text and their value. */
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  placeholderText: 150,
  blockId: 255,
  /** Slack cuts a message's top-level `text` past 40,000 characters (the renderer keeps it far shorter). */
  fallbackText: 40_000,
} as const;
