// At most two imports read at a time per server, each in a worker thread with a time and
// a memory budget, so no upload can hold the event loop that answers /healthz and fans
// out sync: a few more wait their turn, and beyond that the server answers 503 at once.
// A worker that runs out of time or memory is terminated and its job refused; an idle one
// is kept warm for the next import for a while, then let go.
import { Worker } from 'node:worker_threads';
import { domainError } from '@civic-ledger/shared';
import { errorFields, log } from '../ops/log.ts';
import type { ImportAnswer, ImportJob } from './import-job.ts';

export interface ImportPoolLimits {
  /** Imports read at the same time. */
  readonly workers: number;
  /** Imports waiting for a worker; one more is refused with 503. */
  readonly queue: number;
  /** How long one read and preview may take. */
  readonly timeMs: number;
  /** V8 heap one worker may use. */
  readonly heapMb: number;
  /** An idle worker is terminated after this long. */
  readonly idleMs: number;
}

export const IMPORT_POOL_LIMITS: ImportPoolLimits = {
  workers: 2,
  queue: 4,
  timeMs: 15_000,
  heapMb: 256,
  idleMs: 60_000,
};

/** How long a worker may take to start (tsx and the shared package load in it). */
const BOOT_MS = 60_000;
const WORKER_ENTRY = new URL('./import-worker.ts', import.meta.url).href;
// The server runs its TypeScript through tsx; a worker thread registers it for itself.
const BOOT_SOURCE = `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))};
register();
await import(${JSON.stringify(WORKER_ENTRY)});`;

interface Warm {
  readonly worker: Worker;
  readonly ready: Promise<boolean>;
  idleTimer?: NodeJS.Timeout;
}

function refusal(status: 413 | 422 | 503, code: string, zh: string, en: string): ImportAnswer {
  return { ok: false, status, error: domainError(code, zh, en) };
}

export class ImportPool {
  private readonly idle: Warm[] = [];
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limits: ImportPoolLimits = IMPORT_POOL_LIMITS) {}

  /** Reads and previews one upload in a worker; refused at once when too many are in hand. */
  async run(job: ImportJob): Promise<ImportAnswer> {
    if (this.active >= this.limits.workers) {
      if (this.waiting.length >= this.limits.queue) {
        return refusal(
          503,
          'import_busy',
          '服务器正在处理其他导入，请稍后再试',
          'the server is busy with other imports: try again in a minute',
        );
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.active++;
    try {
      return await this.runOn(this.take(), job);
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }

  private take(): Warm {
    const warm = this.idle.pop();
    if (warm) {
      clearTimeout(warm.idleTimer);
      return warm;
    }
    const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(BOOT_SOURCE)}`), {
      resourceLimits: { maxOldGenerationSizeMb: this.limits.heapMb, maxYoungGenerationSizeMb: 32 },
    });
    // A worker waiting for work must not keep the process alive at shutdown.
    worker.unref();
    const ready = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), BOOT_MS);
      timer.unref();
      worker.once('message', () => {
        clearTimeout(timer);
        resolve(true);
      });
      worker.once('error', () => resolve(false));
      worker.once('exit', () => resolve(false));
    });
    return { worker, ready };
  }

  private release(warm: Warm): void {
    warm.idleTimer = setTimeout(() => {
      const at = this.idle.indexOf(warm);
      if (at >= 0) this.idle.splice(at, 1);
      void warm.worker.terminate();
    }, this.limits.idleMs);
    warm.idleTimer.unref();
    this.idle.push(warm);
  }

  private async runOn(warm: Warm, job: ImportJob): Promise<ImportAnswer> {
    const { worker } = warm;
    if (!(await warm.ready)) {
      void worker.terminate();
      return refusal(
        503,
        'import_unavailable',
        '暂时无法读取文件，请稍后再试',
        'imports are unavailable: try again',
      );
    }
    const started = performance.now();
    const answer = await new Promise<ImportAnswer | Error>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const settle = (value: ImportAnswer | Error) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        resolve(value);
      };
      const onMessage = (message: ImportAnswer) => settle(message);
      const onError = (err: Error) => settle(err);
      const onExit = () => settle(new Error('exit'));
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      timer = setTimeout(() => settle(new Error('time')), this.limits.timeMs);
      // Moved, not copied: a view of part of a larger buffer is cut out first.
      const whole =
        job.bytes.byteOffset === 0 && job.bytes.byteLength === job.bytes.buffer.byteLength
          ? job.bytes
          : job.bytes.slice();
      worker.postMessage({ ...job, bytes: whole }, [whole.buffer as ArrayBuffer]);
    });
    const ms = Math.round(performance.now() - started);
    if (!(answer instanceof Error)) {
      this.release(warm);
      return answer;
    }
    void worker.terminate();
    const code = (answer as { code?: string }).code;
    if (answer.message === 'time') {
      log.warn('import worker stopped: out of time', { ms });
      return refusal(
        422,
        'import_too_slow',
        `文件在 ${this.limits.timeMs / 1000} 秒内没有读完，请拆分后再导入`,
        `the file could not be read within ${this.limits.timeMs / 1000} s: split it and import the parts`,
      );
    }
    log.warn('import worker stopped', { ms, reason: code ?? answer.message, ...errorFields(answer) });
    if (code === 'ERR_WORKER_OUT_OF_MEMORY') {
      return refusal(
        413,
        'import_too_large',
        '文件需要的内存超过导入的上限，请拆分后再导入',
        'reading this file needs more memory than an import may use: split it and import the parts',
      );
    }
    return refusal(
      503,
      'import_unavailable',
      '暂时无法读取文件，请稍后再试',
      'imports are unavailable: try again',
    );
  }
}
