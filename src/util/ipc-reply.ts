/**
 * The reply of a child process to its parent's command over IPC (a storage node in its own process,
 * the chaos suite's devnet host): the command's value, or the message of the error it failed with.
 */

/** The reply to command `id`. */
export type IpcReply<V> =
  | { type: 'reply'; id: number; ok: true; value: V }
  | { type: 'reply'; id: number; ok: false; error: string };

/** Sends, with `send`, the reply to command `id` once `work` settles. */
export function replyWhenDone<V>(id: number, work: Promise<V>, send: (reply: IpcReply<V>) => unknown): void {
  work.then(
    (value) => send({ type: 'reply', id, ok: true, value }),
    (error: unknown) =>
      send({ type: 'reply', id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
}
