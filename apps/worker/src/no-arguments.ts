/**
 * The operator commands that take no arguments (`migrate`, `rebuild`, `rebuild-read-models`,
 * `rebuild-analytics`; their settings are environment variables): `-h`/`--help` prints what the
 * command does, and anything else is refused with it, exit 2 (the shell's convention for misuse),
 * before anything is opened. Silently ignored, `--batch-size 500` looked taken.
 */
export const refuseArguments = (usage: string, args: readonly string[] = process.argv.slice(2)): void => {
  if (args.length === 0) return;
  if (args.length === 1 && (args[0] === '-h' || args[0] === '--help')) {
    process.stdout.write(usage);
    process.exit(0);
  }
  process.stderr.write(`this command takes no arguments (got ${args.map((arg) => JSON.stringify(arg)).join(', ')}); its settings are environment variables\n\n${usage}`);
  process.exit(2);
};
