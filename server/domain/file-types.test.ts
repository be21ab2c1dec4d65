import { describe, expect, test } from 'bun:test';
import { detectFileType } from './file-types';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13];
const JPEG = [0xff, 0xd8, 0xff, 0xe0, 0, 16];
const ZIP = [0x50, 0x4b, 0x03, 0x04, 20, 0];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0];

describe('detectFileType', () => {
  const cases: [string, Uint8Array, string, string | null][] = [
    ['png', bytes(PNG), 'shot.png', 'image/png'],
    ['png with upper-case extension', bytes(PNG), 'SHOT.PNG', 'image/png'],
    ['jpeg as .jpg', bytes(JPEG), 'a.jpg', 'image/jpeg'],
    ['jpeg as .jpeg', bytes(JPEG), 'a.jpeg', 'image/jpeg'],
    ['gif', bytes('GIF89a', [1, 0]), 'a.gif', 'image/gif'],
    ['webp', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), 'a.webp', 'image/webp'],
    ['png bytes named .jpg', bytes(PNG), 'a.jpg', null],
    ['pdf', bytes('%PDF-1.7\n'), 'invoice.pdf', 'application/pdf'],
    ['pdf named .exe', bytes('%PDF-1.7\n'), 'invoice.pdf.exe', null],
    ['docx', bytes(ZIP), 'report.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['xlsx', bytes(ZIP), 'sheet.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['plain zip is refused', bytes(ZIP), 'archive.zip', null],
    ['legacy doc', bytes(OLE), 'letter.doc', 'application/msword'],
    ['text', bytes('hello world\n'), 'notes.txt', 'text/plain; charset=utf-8'],
    ['csv', bytes('a,b\n1,2\n'), 'data.csv', 'text/csv; charset=utf-8'],
    ['utf-8 text', bytes('grüße ✓'), 'notes.md', 'text/markdown; charset=utf-8'],
    ['binary named .txt', bytes([0, 1, 2, 3]), 'notes.txt', null],
    ['html is never accepted', bytes('<html><script>alert(1)</script>'), 'page.html', null],
    ['svg is never accepted (scripts)', bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'logo.svg', null],
    ['executable', bytes([0x4d, 0x5a, 0x90, 0]), 'setup.exe', null],
    ['elf named .png', bytes([0x7f, 0x45, 0x4c, 0x46]), 'a.png', null],
    ['empty text file', bytes(), 'empty.txt', null],
    ['no extension', bytes('hello'), 'README', null],
  ];
  for (const [name, data, fileName, expected] of cases) {
    test(name, () => {
      expect(detectFileType(data, fileName)?.contentType ?? null).toBe(expected);
    });
  }
});
