/** A benchmark's command-line options: `--name value`, or the fallback when it is not given. */
export const option = (name: string, fallback: string): string => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
};
