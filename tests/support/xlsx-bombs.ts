// Spreadsheets built to be small on the wire and huge once unpacked: a minimal XLSX writer
// (the parts a workbook needs, deflated, in a zip with a central directory) and the bombs
// an attacker uploads: one shared string of hundreds of millions of characters, a sheet
// of a million rows.
import zlib from 'node:zlib';

interface Part {
  name: string;
  /** Deflated bytes. */
  data: Buffer;
  crc: number;
  size: number;
}

/** A part deflated from `repeat` copies of `chunk` between `head` and `tail`, never held whole. */
async function streamedPart(name: string, head: string, chunk: Buffer, repeat: number, tail: string) {
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (d: Buffer) => out.push(d));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  let crc = 0;
  let size = 0;
  const write = async (b: Buffer) => {
    crc = zlib.crc32(b, crc);
    size += b.length;
    if (!deflate.write(b)) await new Promise((r) => deflate.once('drain', r));
  };
  await write(Buffer.from(head));
  for (let i = 0; i < repeat; i++) await write(chunk);
  await write(Buffer.from(tail));
  deflate.end();
  await done;
  return { name, data: Buffer.concat(out), crc, size };
}

function smallPart(name: string, text: string): Part {
  const raw = Buffer.from(text);
  return { name, data: zlib.deflateRawSync(raw), crc: zlib.crc32(raw), size: raw.length };
}

function zip(parts: readonly Part[]): Uint8Array<ArrayBuffer> {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(p.size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(p.crc >>> 0, 16);
    entry.writeUInt32LE(p.data.length, 20);
    entry.writeUInt32LE(p.size >>> 0, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, name, p.data);
    central.push(entry, name);
    offset += 30 + name.length + p.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function workbook(sheet: Part, strings: Part | null): Uint8Array<ArrayBuffer> {
  return zip([
    smallPart(
      '[Content_Types].xml',
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/></Types>',
    ),
    smallPart(
      '_rels/.rels',
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    smallPart(
      'xl/workbook.xml',
      `<?xml version="1.0"?><workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    smallPart(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ),
    sheet,
    ...(strings ? [strings] : []),
  ]);
}

/**
 * One shared string of `chars` characters (300 million: about 0.3 MB on the wire); with
 * `lie`, its zip entry claims to unpack to 1 kB.
 */
export async function sharedStringBomb(chars = 300_000_000, lie = false): Promise<Uint8Array<ArrayBuffer>> {
  const chunk = Buffer.alloc(1_000_000, 'a');
  const strings = await streamedPart(
    'xl/sharedStrings.xml',
    `<?xml version="1.0"?><sst xmlns="${NS}" count="1" uniqueCount="1"><si><t>`,
    chunk,
    Math.ceil(chars / chunk.length),
    '</t></si></sst>',
  );
  if (lie) strings.size = 1024;
  const sheet = smallPart(
    'xl/worksheets/sheet1.xml',
    `<?xml version="1.0"?><worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
  );
  return workbook(sheet, strings);
}

/** A sheet of `rows` rows of one number each, written without row numbers (they compress best). */
export async function manyRowsBomb(rows = 1_000_000): Promise<Uint8Array<ArrayBuffer>> {
  const chunk = Buffer.from('<row><c><v>1</v></c></row>'.repeat(1000));
  const sheet = await streamedPart(
    'xl/worksheets/sheet1.xml',
    `<?xml version="1.0"?><worksheet xmlns="${NS}"><sheetData>`,
    chunk,
    Math.ceil(rows / 1000),
    '</sheetData></worksheet>',
  );
  return workbook(sheet, null);
}
