import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface Command {
  /** Words after `setu`, e.g. `import units`. */
  name: string;
  summary: string;
  usage: string;
  options?: NonNullable<ParseArgsConfig['options']>;
  run(args: { values: Record<string, string | boolean | undefined>; positionals: string[] }): Promise<number | void>;
}

/** Parses a command's own flags; `--help` prints its usage instead of running it. */
export async function runCommand(cmd: Command, argv: string[]): Promise<number> {
  const options = { ...cmd.options, help: { type: 'boolean', short: 'h' } } as const;
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    process.stderr.write(`setu ${cmd.name}: ${(error as Error).message}\n\n${cmd.usage}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`${cmd.summary}\n\n${cmd.usage}\n`);
    return 0;
  }
  return (await cmd.run(parsed as never)) ?? 0;
}
