import { describe, expect, it } from 'vitest';
import { contentProblem, pickAttachment } from './media';

const bytes = (...parts: (number[] | string)[]): Uint8Array<ArrayBuffer> =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'rest of it');
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF');
const PDF = bytes('%PDF-1.7 ...');
const ZIP = bytes([0x50, 0x4b, 0x03, 0x04], 'word/document.xml');
const MP4 = bytes([0, 0, 0, 0x18], 'ftypmp42');
const OGG = bytes('OggS', [0, 2]);
const MP3 = bytes('ID3', [4, 0]);
const WEBP = bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 ');

describe('contentProblem', () => {
  it('accepts files whose first bytes are what their name says', () => {
    expect(contentProblem('sign.png', PNG)).toBeNull();
    expect(contentProblem('me.JPG', JPEG)).toBeNull();
    expect(contentProblem('menu.pdf', PDF)).toBeNull();
    expect(contentProblem('offer.docx', ZIP)).toBeNull();
    expect(contentProblem('prices.xlsx', ZIP)).toBeNull();
    expect(contentProblem('clip.mp4', MP4)).toBeNull();
    expect(contentProblem('note.ogg', OGG)).toBeNull();
    expect(contentProblem('song.mp3', MP3)).toBeNull();
    expect(contentProblem('sticker.webp', WEBP)).toBeNull();
    expect(contentProblem('notes.txt', bytes('hello'))).toBeNull();
  });

  it('says, in the engine’s words, when they are not', () => {
    expect(contentProblem('photo.png', bytes('not a picture at all'))).toBe(
      '“photo.png” is not a real PNG image: its contents do not match its name. Save it again in that format, or rename it to what it really is.',
    );
    expect(contentProblem('photo.jpg', PNG)).toMatch(/^“photo\.jpg” is not a real JPEG image/);
    expect(contentProblem('report.pdf', ZIP)).toMatch(/is not a real PDF document/);
    expect(contentProblem('offer.docx', PDF)).toMatch(/is not a real Word document/);
    expect(contentProblem('notes.txt', bytes('a', [0], 'b'))).toMatch(/is not a real text file/);
  });
});

describe('pickAttachment', () => {
  it('reads the first bytes right after the pick', async () => {
    const fake = await pickAttachment(new File([bytes('MZ program')], 'invoice.pdf'));
    expect(fake.ok && fake.value.problem).toMatch(/^“invoice\.pdf” is not a real PDF document/);
    const real = await pickAttachment(new File([PDF], 'invoice.pdf'));
    expect(real.ok && real.value.problem).toBeNull();
  });

  it('refuses by name and size before reading anything', async () => {
    const program = await pickAttachment(new File([bytes('MZ')], 'setup.exe'));
    expect(program.ok ? null : program.message).toMatch(/^“setup\.exe” cannot be sent/);
    const empty = await pickAttachment(new File([], 'empty.pdf'));
    expect(empty.ok ? null : empty.message).toBe('“empty.pdf” is empty.');
  });
});
