/**
 * Splits a TCP byte stream into whole wire-protocol messages. Chunks are only concatenated once
 * a full message has arrived, so a 16 MB GridFS batch arriving in 64 KB reads costs one copy,
 * not hundreds.
 */
import { HEADER_BYTES, MAX_MESSAGE_BYTES, WireError } from './wire.ts';

export class Framer {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Length of the message being assembled, once its first 4 bytes are known. */
  private need = 0;

  /** Feeds bytes; returns the complete messages now available. Throws WireError on a nonsense length. */
  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: Buffer[] = [];
    for (;;) {
      if (this.need === 0) {
        if (this.buffered < 4) break;
        const head = this.chunks[0] && this.chunks[0].length >= 4 ? this.chunks[0] : this.flatten();
        const length = head.readInt32LE(0);
        if (length < HEADER_BYTES || length > MAX_MESSAGE_BYTES) throw new WireError(`invalid message length ${length}`);
        this.need = length;
      }
      if (this.buffered < this.need) break;
      const all = this.flatten();
      frames.push(all.subarray(0, this.need));
      const rest = all.subarray(this.need);
      this.chunks = rest.length ? [rest] : [];
      this.buffered = rest.length;
      this.need = 0;
    }
    return frames;
  }

  private flatten(): Buffer {
    if (this.chunks.length !== 1) this.chunks = [Buffer.concat(this.chunks, this.buffered)];
    return this.chunks[0] as Buffer;
  }

  reset(): void {
    this.chunks = [];
    this.buffered = 0;
    this.need = 0;
  }
}
