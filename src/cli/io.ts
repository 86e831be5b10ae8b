/** What a CLI command writes to and reads from the world: one type, shared by `runCli` and every command. */
import type { CliEnvironment } from '../github/cli-client.js';

/** Where the CLI writes and what it resolves paths against; `process` in production. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** The clock; `--now` overrides it. */
  now: () => Date;
  /** Environment variables for live commands (credentials, API URLs); none when absent. */
  env?: CliEnvironment;
}
