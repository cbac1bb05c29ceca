import { CommandResult, ICommandRunner, ImageBuilder } from '../../src/image';

/** A builder that fails and echoes its arguments, as builders do with a failing RUN step. */
class EchoingFailure implements ICommandRunner {
  public run(_command: string, args: string[]): CommandResult {
    return { exitCode: 1, stdout: '', stderr: `STEP 3/4: RUN curl -H "token: ${args.join(' ')}"\nError: exit status 22` };
  }
  public exists(): boolean {
    return true;
  }
}

test('a failing build names the command and its output without the build arguments\' values', () => {
  const token = 'ghp_not-a-real-token-0123456789';
  let message = '';
  try {
    ImageBuilder.PODMAN._buildAndPush(new EchoingFailure(), {
      contextDirectory: '/ctx', file: 'Dockerfile', reference: 'r.example.com/x:1', buildArgs: { NPM_TOKEN: token, MODE: 'prod' },
    });
  } catch (e) {
    message = (e as Error).message;
  }
  expect(message).not.toContain(token);
  expect(message).toContain('podman build failed (exit code 1): podman build --tag r.example.com/x:1 --file /ctx/Dockerfile '
    + '--build-arg MODE=(value not shown) --build-arg NPM_TOKEN=(value not shown) --timestamp 0 /ctx');
  expect(message).toContain('Error: exit status 22');
});
