import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';

/** One QMP reply: either `return` or `error`, as QEMU sends it. */
export type QmpReply = { return: unknown } | { error: { class: string; desc: string } };

/** A command as written in a QMP script. */
export interface QmpCommand {
  execute: string;
  arguments?: Record<string, unknown>;
}

export interface QmpSessionOptions {
  /** The binary and its arguments; QMP must be on the process's stdio. */
  argv: readonly string[];
  /** Working directory: QEMU resolves relative image paths against it. */
  cwd?: string;
  /** Kill the process if a reply takes longer than this. */
  timeoutMs?: number;
}

/**
 * A QMP conversation with a QEMU process over its stdio.
 *
 * Replies are matched to commands in order; asynchronous events are kept apart in `events`.
 * Use `QmpSession.start`, then `execute`, then `close`.
 */
export class QmpSession {
  readonly events: unknown[] = [];
  readonly stderr: string[] = [];
  private readonly pending: ((reply: QmpReply) => void)[] = [];
  private readonly queued: QmpReply[] = [];
  private exited: string | null = null;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly timeoutMs: number,
  ) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      this.onLine(line);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => this.stderr.push(chunk));
    child.on('exit', (code, signal) => {
      this.exited = `exited with ${signal ?? String(code)}`;
      for (const resolve of this.pending.splice(0)) {
        resolve({ error: { class: 'ProcessExited', desc: `${this.exited}: ${this.stderr.join('').trim()}` } });
      }
    });
    child.on('error', (err) => {
      this.exited = err.message;
    });
  }

  /** Starts the process, waits for the greeting and negotiates capabilities. */
  static async start(options: QmpSessionOptions): Promise<QmpSession> {
    const [bin, ...args] = options.argv;
    if (bin === undefined) throw new Error('QmpSession.start: empty argv');
    const child = spawn(bin, args, { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const session = new QmpSession(child, options.timeoutMs ?? 20_000);
    const greeting = await session.next();
    if ('error' in greeting) throw new Error(`QEMU did not start: ${greeting.error.desc}`);
    const caps = await session.execute({ execute: 'qmp_capabilities' });
    if ('error' in caps) throw new Error(`qmp_capabilities failed: ${caps.error.desc}`);
    return session;
  }

  /** Sends one command and resolves with its reply (never rejects for a QMP error). */
  execute(command: QmpCommand): Promise<QmpReply> {
    if (this.exited !== null) {
      return Promise.resolve({ error: { class: 'ProcessExited', desc: this.exited } });
    }
    this.child.stdin.write(`${JSON.stringify(command)}\n`);
    return this.next();
  }

  /** Like `execute`, but throws on a QMP error and returns the `return` value. */
  async query(command: QmpCommand): Promise<unknown> {
    const reply = await this.execute(command);
    if ('error' in reply) throw new Error(`${command.execute} failed: ${reply.error.desc}`);
    return reply.return;
  }

  /** Asks QEMU to quit and waits for the process to end. */
  async close(): Promise<void> {
    if (this.exited === null) {
      const ended = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      this.child.stdin.write(`${JSON.stringify({ execute: 'quit' })}\n`);
      this.child.stdin.end();
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
      await ended;
      clearTimeout(timer);
    }
  }

  private next(): Promise<QmpReply> {
    const ready = this.queued.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise<QmpReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        reject(new Error(`QEMU gave no reply within ${String(this.timeoutMs)} ms`));
      }, this.timeoutMs);
      this.pending.push((reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
    });
  }

  private onLine(line: string): void {
    if (line.trim() === '') return;
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(line) as Record<string, unknown>;
    } catch {
      this.stderr.push(`unparsable QMP line: ${line}\n`);
      return;
    }
    if ('event' in message) {
      this.events.push(message);
      return;
    }
    const reply: QmpReply =
      'QMP' in message
        ? { return: message.QMP }
        : 'error' in message
          ? { error: message.error as { class: string; desc: string } }
          : { return: message.return };
    const waiter = this.pending.shift();
    if (waiter) waiter(reply);
    else this.queued.push(reply);
  }
}
