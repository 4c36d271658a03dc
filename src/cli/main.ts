#!/usr/bin/env node
import { ConfigError } from '../server/config.ts';
import { DataFolderInUse } from '../server/platform/db/index.ts';
import { runCommand, type Command } from './args.ts';
import { auditVerifyCommand } from './commands/audit.ts';
import { demoCommand } from './commands/demo.ts';
import { migrateCommand } from './commands/migrate.ts';
import { serveCommand } from './commands/serve.ts';
import { startCommand } from './commands/start.ts';
import { peopleCsvCommands } from './commands/people-csv.ts';
import { positionsCsvCommands } from './commands/positions-csv.ts';
import { unitsCsvCommands } from './commands/units-csv.ts';

const commands: Command[] = [
  startCommand,
  serveCommand,
  migrateCommand,
  demoCommand,
  auditVerifyCommand,
  ...unitsCsvCommands,
  ...peopleCsvCommands,
  ...positionsCsvCommands,
];

function help() {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `Setu (सेतु): organising down to the booth.\n\nUsage: setu <command> [options]\n\n${commands
    .map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`)
    .join('\n')}\n\nEach command takes --help.\n`;
}

async function main(argv: string[]): Promise<number> {
  // The longest command name that the arguments start with: `import units x.csv` → `import units`.
  const cmd = [...commands]
    .sort((a, b) => b.name.length - a.name.length)
    .find((c) => argv.join(' ').startsWith(c.name) && (argv.length === c.name.split(' ').length || argv.join(' ')[c.name.length] === ' '));
  if (!cmd) {
    const asked = argv[0] && !['-h', '--help', 'help'].includes(argv[0]);
    (asked ? process.stderr : process.stdout).write((asked ? `unknown command: ${argv.join(' ')}\n\n` : '') + help());
    return asked ? 2 : 0;
  }
  return runCommand(cmd, argv.slice(cmd.name.split(' ').length));
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // Errors that say what to do are told plainly (the folder's holder, in English and Hindi); anything else with its stack.
    if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
    else if (error instanceof DataFolderInUse) process.stderr.write(`setu: ${error.message}\n`);
    else process.stderr.write(`setu: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
