import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { stopChild } from './processes';

export interface SupervisedOptions {
  name: string;
  command: string;
  args: string[];
  spawnOptions: SpawnOptions;
  /** A line for the operator: a child went down, is being restarted, is back. */
  say: (line: string) => void;
  /** First restart delay; doubles per crash in a row up to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** A child that ran this long counts as healthy: its next crash restarts after `initialDelayMs` again. */
  healthyAfterMs?: number;
  /** Called with each new process (for log collection). */
  onSpawn?: (child: ChildProcess) => void;
}

/**
 * A child process kept running: when it exits without being asked to, it is logged and started again after a
 * backoff (1 s, 2 s, 4 s, ... 30 s; back to 1 s once a run lasted a minute). `stop()` ends it for good (SIGTERM,
 * then SIGKILL after the grace period).
 */
export class Supervised {
  child?: ChildProcess;
  private stopped = false;
  private crashes = 0;
  private timer?: NodeJS.Timeout;
  private startedAt = 0;
  /** Since when the child has been down (undefined while it runs). */
  downSince?: number;
  restarts = 0;

  constructor(private readonly opts: SupervisedOptions) {}

  get name(): string {
    return this.opts.name;
  }

  start(): ChildProcess {
    const child = spawn(this.opts.command, this.opts.args, this.opts.spawnOptions);
    this.child = child;
    this.startedAt = Date.now();
    this.opts.onSpawn?.(child);
    if (this.downSince !== undefined) {
      this.opts.say(`${this.name} restarted (down ${((Date.now() - this.downSince) / 1000).toFixed(1)} s)`);
      this.downSince = undefined;
    }
    child.once('exit', (code, signal) => {
      if (this.stopped || this.child !== child) return;
      this.downSince = Date.now();
      if (Date.now() - this.startedAt >= (this.opts.healthyAfterMs ?? 60_000)) this.crashes = 0;
      const delay = Math.min((this.opts.initialDelayMs ?? 1000) * 2 ** this.crashes, this.opts.maxDelayMs ?? 30_000);
      this.crashes++;
      this.opts.say(
        `${this.name} is down (exited with ${signal ?? `code ${code}`}); restarting in ${(delay / 1000).toFixed(1)} s`,
      );
      this.timer = setTimeout(() => {
        this.timer = undefined;
        if (!this.stopped) {
          this.restarts++;
          this.start();
        }
      }, delay);
    });
    return child;
  }

  /** Whether the process runs now. */
  get up(): boolean {
    const c = this.child;
    return c !== undefined && c.exitCode === null && c.signalCode === null;
  }

  /** Sends `signal` to the running process (fault injection); the supervision restarts it as after a crash. */
  kill(signal: NodeJS.Signals): Promise<void> {
    const c = this.child;
    if (!c || !this.up) return Promise.resolve();
    return new Promise((r) => {
      c.once('exit', () => r());
      c.kill(signal);
    });
  }

  async stop(graceMs = 10_000): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.child) await stopChild(this.child, this.name, graceMs);
  }
}
