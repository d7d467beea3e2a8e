/**
 * The one Peloton session that every VS Code window of the machine shares, as this window holds it: the record in
 * memory, read from and written to a {@link SessionSlot} (SecretStorage), and every change of it made holding the
 * renewal lock (renewalLock.ts) and stamped with the next renewal generation (renewalGeneration.ts), so that other
 * windows can tell that what they hold is outdated even when they cannot read the change. Plain Node: the VS Code
 * side (events, Accounts menu) is authProvider.ts.
 */
import { nowSeconds } from '../shared/dates';
import { holdRenewalLock, type RenewalLockOptions } from './renewalLock';
import { isCurrentGeneration, nextGeneration, readGeneration, writeGeneration, type RenewalGeneration } from './renewalGeneration';
import type { PelotonSessionRecord } from './sessionRecord';

/**
 * Where this window keeps the session record (VS Code's SecretStorage: sessionStore.ts). A read may be outdated:
 * code-server answers what the window loaded plus its own writes.
 */
export interface SessionSlot {
  read(): Promise<PelotonSessionRecord | null>;
  write(record: PelotonSessionRecord): Promise<void>;
  clear(): Promise<void>;
}

/** The session while this window holds the renewal lock: what a renewal reads, decides and stores. */
export interface HeldSession {
  /** The renewal generation in force when the lock was taken. */
  readonly inForce: RenewalGeneration;
  /** Reads the stored session again and takes it as this window's (another window may have changed it). */
  reread(): Promise<PelotonSessionRecord | null>;
  /**
   * True when `record` is of the generation in force: no window changed the session since it was stored, so its
   * refresh token has not been presented by another window.
   */
  isCurrent(record: PelotonSessionRecord): boolean;
  /** Stores `record` (renewed tokens) as the next generation, for every window. */
  save(record: PelotonSessionRecord): Promise<void>;
  /** Removes the session for every window (the next generation). */
  signOut(): Promise<void>;
}

/** Options of {@link SharedSession}. */
export interface SharedSessionOptions {
  /** Told when the record this window holds changed (a save, a sign-out, or a reread that found another record). */
  onChange?: (previous: PelotonSessionRecord | null, next: PelotonSessionRecord | null) => void;
  /** Log lines (never a token). */
  log?: (message: string) => void;
  lock?: RenewalLockOptions;
}

/** Two records are the same when every field is. */
function same(a: PelotonSessionRecord | null, b: PelotonSessionRecord | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The shared session as this window holds it. */
export class SharedSession {
  private record: PelotonSessionRecord | null = null;

  /**
   * @param slot where the record is stored.
   * @param lockFolder the folder of the renewal lock and generation, shared by every window (global storage).
   */
  constructor(
    private readonly slot: SessionSlot,
    private readonly lockFolder: string,
    private readonly options: SharedSessionOptions = {},
  ) {}

  /** The session record this window holds (tokens included: for the extension's own use), or null. */
  get current(): PelotonSessionRecord | null {
    return this.record;
  }

  /** Reads the stored record at start (no change is told). */
  async load(): Promise<void> {
    this.record = await this.slot.read();
  }

  /** Reads the stored record again and takes it (telling the change when it differs). @returns the record now held. */
  async reread(): Promise<PelotonSessionRecord | null> {
    this.take(await this.slot.read());
    return this.record;
  }

  /** Stores a new session (a sign-in) as the next generation, for every window. */
  save(record: PelotonSessionRecord): Promise<void> {
    return this.changeAnyway('store the new session', (held) => held.save(record), () => this.write(record));
  }

  /** Removes the session for every window (the stored FTP history is not this module's). */
  signOut(): Promise<void> {
    return this.changeAnyway('sign out', (held) => held.signOut(), () => this.clear());
  }

  /**
   * Runs `work` holding the renewal lock of every window, with the generation in force.
   * @throws {RenewalLockBusyError} (sessionErrors.ts) when another window held the lock too long; what `work` throws.
   */
  underLock<T>(work: (held: HeldSession) => Promise<T>): Promise<T> {
    return holdRenewalLock(
      this.lockFolder,
      async () => {
        const inForce = await readGeneration(this.lockFolder);
        const advance = async (recordGeneration: number | undefined, change: (generation: number) => Promise<void>) => {
          const generation = nextGeneration(recordGeneration, inForce);
          // The secret first: a crash between the two leaves a record newer than the generation, which still counts as current.
          await change(generation);
          await writeGeneration(this.lockFolder, generation, nowSeconds());
        };
        return work({
          inForce,
          reread: () => this.reread(),
          isCurrent: (record) => isCurrentGeneration(record.generation, inForce),
          save: (record) => advance(record.generation, (generation) => this.write({ ...record, generation })),
          signOut: () => advance(this.record?.generation, () => this.clear()),
        });
      },
      { ...this.options.lock, onCompromised: (error) => this.options.log?.(`The renewal lock was lost while held: ${error.message}`) },
    );
  }

  /**
   * A sign-in or sign-out under the lock; when the lock cannot be had (a file system error, or a window that holds it
   * too long), still done without it: the rider's own act must not fail for want of the lock.
   */
  private async changeAnyway(what: string, underLock: (held: HeldSession) => Promise<void>, unlocked: () => Promise<void>): Promise<void> {
    let locked = false;
    try {
      await this.underLock(async (held) => {
        locked = true;
        await underLock(held);
      });
    } catch (error) {
      if (locked) throw error;
      this.options.log?.(`Could not take the renewal lock to ${what} (${error instanceof Error ? error.message : String(error)}): done without it`);
      await unlocked();
    }
  }

  private async write(record: PelotonSessionRecord): Promise<void> {
    await this.slot.write(record);
    this.take(record);
  }

  private async clear(): Promise<void> {
    await this.slot.clear();
    this.take(null);
  }

  private take(next: PelotonSessionRecord | null): void {
    const previous = this.record;
    if (same(previous, next)) return;
    this.record = next;
    this.options.onChange?.(previous, next);
  }
}
