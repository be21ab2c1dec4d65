import { describe, expect, test } from 'bun:test';
import { checkFile, extensionOf, formatBytes, isImage, MAX_FILE_BYTES } from './files';

describe('checkFile', () => {
  test.each([
    ['photo.png', 1000, 'image/png', null],
    ['photo.JPG', 1000, 'image/jpeg', null],
    ['scan.pdf', 1000, 'application/pdf', null],
    ['report.docx', 1000, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', null],
    ['sheet.xlsx', 1000, '', null],
    ['notes.txt', 1000, 'text/plain', null],
    ['data.csv', 1000, 'text/x-csv', null],
    ['data.csv', 1000, 'application/vnd.ms-excel', null],
    ['exactly-20MB.pdf', MAX_FILE_BYTES, 'application/pdf', null],
    ['too-big.pdf', MAX_FILE_BYTES + 1, 'application/pdf', 'too_large'],
    ['empty.txt', 0, 'text/plain', 'empty'],
    ['setup.exe', 1000, 'application/x-msdownload', 'bad_type'],
    ['renamed.pdf', 1000, 'application/x-msdownload', 'bad_type'],
    ['page.html', 1000, 'text/html', 'bad_type'],
    ['vector.svg', 1000, 'image/svg+xml', 'bad_type'],
    ['macro.xlsm', 1000, '', 'bad_type'],
    ['noextension', 1000, '', 'bad_type'],
    ['archive.zip', 1000, 'application/zip', 'bad_type'],
  ])('%s (%d bytes, %p) → %p', (name, size, type, expected) => {
    expect(checkFile({ name, size, type })).toBe(expected as ReturnType<typeof checkFile>);
  });
});

describe('helpers', () => {
  test.each([
    ['a.PDF', 'pdf'],
    ['.bashrc', ''],
    ['x', ''],
    ['a.tar.gz', 'gz'],
  ])('extensionOf(%s) = %s', (name, ext) => expect(extensionOf(name)).toBe(ext));

  test.each([
    ['image/png', true],
    ['image/JPEG', true],
    ['image/svg+xml', false],
    ['application/pdf', false],
  ])('isImage(%s) = %p', (type, expected) => expect(isImage(type)).toBe(expected));

  test.each([
    [512, '512 B'],
    [2048, '2 KB'],
    [1.5 * 1024 * 1024, '1.5 MB'],
    [20 * 1024 * 1024, '20 MB'],
  ])('formatBytes(%d) = %s', (n, s) => expect(formatBytes(n)).toBe(s));
});
