/**
 * A {@link ChainView} carried over a message channel, so a node in a child process follows the
 * parent's chain view: the child's {@link IpcChainView} forwards calls, the parent's
 * {@link serveChainView} answers them and pushes every change.
 */
import type { BlobChainState, ChainChange, ChainView, Committee } from './chain-view.js';

/** Messages of the chain-view channel. */
export type ChainViewMessage =
  | { type: 'chain-call'; id: number; method: 'getCommittee' | 'getBlob' | 'listBlobs'; blobId?: string }
  | {
      type: 'chain-result';
      id: number;
      ok: true;
      value: Committee | BlobChainState | BlobChainState[] | undefined;
    }
  | { type: 'chain-result'; id: number; ok: false; error: string }
  | { type: 'chain-change'; change: ChainChange };

/** True for messages of the chain-view channel. */
export function isChainViewMessage(message: unknown): message is ChainViewMessage {
  const type = (message as { type?: unknown } | null)?.type;
  return type === 'chain-call' || type === 'chain-result' || type === 'chain-change';
}

/** The child's side: a chain view whose calls go to the parent. */
export class IpcChainView implements ChainView {
  private nextId = 0;
  private readonly calls = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  private readonly listeners = new Set<(change: ChainChange) => void>();

  /** @param send - sends one message to the parent */
  constructor(private readonly send: (message: ChainViewMessage) => void) {}

  /** Feeds a message from the parent. */
  receive(message: ChainViewMessage): void {
    if (message.type === 'chain-change') {
      for (const listener of this.listeners) listener(message.change);
    } else if (message.type === 'chain-result') {
      const call = this.calls.get(message.id);
      this.calls.delete(message.id);
      if (message.ok) call?.resolve(message.value);
      else call?.reject(new Error(message.error));
    }
  }

  private call<T>(method: 'getCommittee' | 'getBlob' | 'listBlobs', blobId?: string): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.calls.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.send({ type: 'chain-call', id, method, blobId });
    });
  }

  getCommittee(): Promise<Committee> {
    return this.call('getCommittee');
  }

  getBlob(blobId: string): Promise<BlobChainState | undefined> {
    return this.call('getBlob', blobId);
  }

  listBlobs(): Promise<BlobChainState[]> {
    return this.call('listBlobs');
  }

  subscribe(listener: (change: ChainChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Fails every pending call (the parent went away). */
  close(): void {
    for (const call of this.calls.values()) call.reject(new Error('the chain view channel closed'));
    this.calls.clear();
  }
}

/**
 * The parent's side: answers `chain-call` messages from `view` and forwards its changes; returns a
 * function that stops forwarding.
 */
export function serveChainView(
  view: ChainView,
  send: (message: ChainViewMessage) => void,
): {
  handle(message: ChainViewMessage): void;
  close(): void;
} {
  const unsubscribe = view.subscribe((change) => send({ type: 'chain-change', change }));
  return {
    handle(message) {
      if (message.type !== 'chain-call') return;
      const run =
        message.method === 'getCommittee'
          ? view.getCommittee()
          : message.method === 'getBlob'
            ? view.getBlob(message.blobId ?? '')
            : view.listBlobs();
      run.then(
        (value) => send({ type: 'chain-result', id: message.id, ok: true, value }),
        (error: unknown) =>
          send({
            type: 'chain-result',
            id: message.id,
            ok: false,
            error: error instanceof Error ? error.message : String(error),
          }),
      );
    },
    close: unsubscribe,
  };
}
