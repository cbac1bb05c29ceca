import { spawnSync } from 'child_process';

/** What a command printed and how it ended. */
export interface CommandResult {
  /** The exit code; -1 when the command could not be started. */
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the commands of a CLI image build. The default runs real processes; tests (and users
 * with their own wrappers) can pass another.
 */
export interface ICommandRunner {
  /**
   * Runs `command` with `args` and waits for it.
   * @param command the program, looked up on PATH
   * @param args its arguments
   */
  run(command: string, args: string[]): CommandResult;

  /**
   * True when `command` can be found on PATH.
   * @param command the program
   */
  exists(command: string): boolean;
}

/** Runs commands as child processes of the synth, inheriting its environment. */
export class ProcessCommandRunner implements ICommandRunner {
  public run(command: string, args: string[]): CommandResult {
    const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (result.error) {
      return { exitCode: -1, stdout: '', stderr: result.error.message };
    }
    return { exitCode: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
  }

  public exists(command: string): boolean {
    const result = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', command], { encoding: 'utf8' });
    return result.status === 0 && result.stdout.trim() !== '';
  }
}
