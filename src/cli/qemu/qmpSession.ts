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
 * Children still running. QEMU does not quit when its QMP stdin reaches EOF (neither
 * qemu-storage-daemon nor qemu-system-x86_64), so if this Node process ends without `close`
 * they would live on: they are killed when it exits.
 */
const live = new Set<ChildProcessWithoutNullStreams>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** QEMU ended (or could not be spawned) before the QMP handshake completed; `stderr` holds why. */
export class QmpStartError extends Error {
  constructor(
    message: string,
    /** Everything the process wrote on stderr, complete (read until the pipe closed). */
    readonly stderr: string,
    /** `exited with 1`, `exited with SIGKILL`… or the spawn error. */
    readonly status: string | null,
  ) {
    super(message);
    this.name = 'QmpStartError';
  }
}

/**
 * A QMP conversation with a QEMU process over its stdio.
 *
 * Replies are matched to commands in order; asynchronous events are kept apart in `events`.
 * Use `QmpSession.start`, then `execute`, then `close` (in a `finally`: it always ends the process).
 */
export class QmpSession {
  readonly events: unknown[] = [];
  private readonly stderrChunks: string[] = [];
  private readonly pending: ((reply: QmpReply) => void)[] = [];
  private readonly queued: QmpReply[] = [];
  private exited: string | null = null;
  /** Resolves once the process has ended and its stdio is drained. */
  private readonly ended: Promise<void>;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly timeoutMs: number,
  ) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      this.onLine(line);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => this.stderrChunks.push(chunk));
    child.stdin.on('error', () => undefined); // EPIPE when QEMU has already gone; 'close' reports it
    this.ended = new Promise<void>((resolve) => {
      child.on('close', (code, signal) => {
        this.onEnd(`exited with ${signal ?? String(code)}`);
        resolve();
      });
      child.on('error', (err) => {
        this.onEnd(err.message);
        resolve();
      });
    });
  }

  /** Everything the process has written on stderr so far. */
  get stderr(): string {
    return this.stderrChunks.join('');
  }

  /**
   * Starts the process, waits for the greeting and negotiates capabilities.
   * @throws QmpStartError when QEMU exits (or cannot be spawned) first; the process is gone then.
   */
  static async start(options: QmpSessionOptions): Promise<QmpSession> {
    const [bin, ...args] = options.argv;
    if (bin === undefined) throw new Error('QmpSession.start: empty argv');
    const child = spawn(bin, args, { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    live.add(child);
    const session = new QmpSession(child, options.timeoutMs ?? 20_000);
    try {
      const greeting = await session.next();
      if ('error' in greeting) throw new Error(greeting.error.desc);
      const caps = await session.execute({ execute: 'qmp_capabilities' });
      if ('error' in caps) throw new Error(`qmp_capabilities failed: ${caps.error.desc}`);
      return session;
    } catch (err) {
      session.kill();
      await session.ended;
      const why = err instanceof Error ? err.message : String(err);
      throw new QmpStartError(`QEMU did not start: ${why}`, session.stderr, session.exited);
    }
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

  /** Asks QEMU to quit and waits for the process to end; kills it if it lingers past `graceMs`. */
  async close(graceMs = 5_000): Promise<void> {
    if (this.exited === null) {
      this.child.stdin.end(`${JSON.stringify({ execute: 'quit' })}\n`);
      const timer = setTimeout(() => {
        this.kill();
      }, graceMs);
      await this.ended;
      clearTimeout(timer);
    }
  }

  /** Ends the process at once (SIGKILL); safe to call at any time. */
  kill(): void {
    if (this.exited === null) this.child.kill('SIGKILL');
  }

  private next(): Promise<QmpReply> {
    const ready = this.queued.shift();
    if (ready) return Promise.resolve(ready);
    if (this.exited !== null) return Promise.resolve(this.exitReply());
    return new Promise<QmpReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.kill();
        reject(new Error(`QEMU gave no reply within ${String(this.timeoutMs)} ms`));
      }, this.timeoutMs);
      this.pending.push((reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
    });
  }

  private onEnd(status: string): void {
    live.delete(this.child);
    this.exited ??= status;
    const reply = this.exitReply();
    for (const resolve of this.pending.splice(0)) resolve(reply);
  }

  private exitReply(): QmpReply {
    const status = this.exited ?? 'running';
    return { error: { class: 'ProcessExited', desc: `${status}: ${this.stderr.trim()}` } };
  }

  private onLine(line: string): void {
    if (line.trim() === '') return;
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(line) as Record<string, unknown>;
    } catch {
      this.stderrChunks.push(`unparsable QMP line: ${line}\n`);
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
