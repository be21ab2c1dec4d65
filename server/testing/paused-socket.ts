// A WebSocket client that can stop reading, as a frozen tab does: a raw TCP socket that speaks
// just enough of RFC 6455 (the handshake, masked text frames out, unmasked frames in). While
// paused the kernel buffers fill and the server's send queue for it grows: what the backpressure
// limit is about. Resumed, it reads what was queued and the close frame with its code.
import { connect, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';

export class PausedSocket {
  readonly texts: string[] = [];
  closeCode: number | null = null;
  ended = false;
  private buffer = Buffer.alloc(0);
  private handshaken = false;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('close', () => (this.ended = true));
    socket.on('error', () => (this.ended = true));
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<PausedSocket> {
    const { hostname, port, pathname } = new URL(url);
    const socket = connect({ host: hostname, port: Number(port) });
    const client = new PausedSocket(socket);
    const key = randomBytes(16).toString('base64');
    const lines = [`GET ${pathname} HTTP/1.1`, `Host: ${hostname}:${port}`, 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Key: ${key}`, 'Sec-WebSocket-Version: 13'];
    for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const check = () => {
        if (client.handshaken) return resolve(client);
        if (client.ended || Date.now() - started > 5_000) return reject(new Error(`handshake with ${url} failed`));
        setTimeout(check, 5);
      };
      check();
    });
  }

  /** Stops reading: the kernel's receive buffer fills, then the server's send queue. */
  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }

  send(frame: unknown): void {
    const payload = Buffer.from(typeof frame === 'string' ? frame : JSON.stringify(frame));
    const mask = randomBytes(4);
    const length = payload.length;
    const head = length < 126 ? Buffer.from([0x81, 0x80 | length]) : Buffer.from([0x81, 0x80 | 126, length >> 8, length & 0xff]);
    const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
    this.socket.write(Buffer.concat([head, mask, masked]));
  }

  destroy(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    if (!this.handshaken) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      this.handshaken = this.buffer.subarray(0, end).toString().startsWith('HTTP/1.1 101');
      this.buffer = this.buffer.subarray(end + 4);
    }
    for (;;) {
      if (this.buffer.length < 2) return;
      const opcode = this.buffer[0]! & 0x0f;
      let length = this.buffer[1]! & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.buffer.length < 4) return;
        length = this.buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (this.buffer.length < 10) return;
        length = Number(this.buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (this.buffer.length < offset + length) return;
      const payload = this.buffer.subarray(offset, offset + length);
      this.buffer = this.buffer.subarray(offset + length);
      if (opcode === 0x1) this.texts.push(payload.toString('utf8'));
      else if (opcode === 0x8) this.closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
    }
  }
}
