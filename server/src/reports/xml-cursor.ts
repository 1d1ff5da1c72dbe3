// A forward-only reader of the XML in a workbook's parts, fed as the part inflates: element
// starts and ends and the extent of text between them, one at a time, so the caller checks
// its limits (rows, columns, the length of a text) on each before anything is built from
// it, and stops the inflater at the first one passed. Only the unread tail is kept between
// feeds. Enough XML for SpreadsheetML: namespace prefixes are dropped, the five named
// entities and character references are decoded, DOCTYPEs are not expanded (reading stops).

export type XmlEvent = 'open' | 'close' | 'text' | 'end';

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Text as an XML parser gives it: line ends as LF (XML 1.0 §2.11), references decoded. */
export function decodeXmlText(encoded: string): string {
  const raw = encoded.includes('\r') ? encoded.replace(/\r\n?/g, '\n') : encoded;
  if (!raw.includes('&')) return raw;
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref] ?? whole;
    const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
    return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}

export class XmlCursor {
  event: XmlEvent = 'end';
  /** The element's local name (open and close events). */
  name = '';
  /** Whether an open element is also its own end (`<c r="A1"/>`). */
  selfClosing = false;
  private pos = 0;
  private attrStart = 0;
  private attrEnd = 0;
  private textStart = 0;
  private textEnd = 0;
  private verbatim = false;

  private xml = '';
  private final = false;

  /** Text of the document so far; `last` when no more will come. */
  constructor(text = '', last = true) {
    this.feed(text, last);
  }

  /** More of the document; what was read is dropped, the unfinished tail kept. */
  feed(text: string, last = false): void {
    this.xml = this.pos > 0 ? this.xml.slice(this.pos) + text : this.xml + text;
    this.pos = 0;
    this.final = last;
  }

  /** Characters fed and not yet read: what an unfinished text or tag holds so far. */
  get pending(): number {
    return this.xml.length - this.pos;
  }

  /**
   * Moves to the next event; false when the text fed so far is used up (more may be fed,
   * `event` stays as it was) or at the end of the document (`event` is 'end').
   */
  next(): boolean {
    const xml = this.xml;
    for (;;) {
      if (this.pos >= xml.length) return this.final ? this.finish() : false;
      if (xml.charCodeAt(this.pos) !== 60 /* < */) {
        const lt = xml.indexOf('<', this.pos);
        // A text is whole only once the tag after it has begun.
        if (lt < 0 && !this.final) return false;
        this.verbatim = false;
        this.textStart = this.pos;
        this.textEnd = lt < 0 ? xml.length : lt;
        this.pos = this.textEnd;
        this.event = 'text';
        return true;
      }
      const second = xml.charCodeAt(this.pos + 1);
      if (second === 63 /* ? */) {
        const close = xml.indexOf('?>', this.pos);
        if (close < 0) return this.incomplete();
        this.pos = close + 2;
        continue;
      }
      if (second === 33 /* ! */) {
        if (xml.startsWith('<!--', this.pos)) {
          const close = xml.indexOf('-->', this.pos);
          if (close < 0) return this.incomplete();
          this.pos = close + 3;
          continue;
        }
        if (xml.startsWith('<![CDATA[', this.pos)) {
          const close = xml.indexOf(']]>', this.pos);
          if (close < 0) return this.incomplete();
          // Offered as text, verbatim: it holds no entities to decode.
          this.verbatim = true;
          this.textStart = this.pos + 9;
          this.textEnd = close;
          this.pos = close + 3;
          this.event = 'text';
          return true;
        }
        if (xml.length - this.pos < 9 && !this.final) return false;
        return this.finish(); // a DOCTYPE: no workbook part has one
      }
      const gt = xml.indexOf('>', this.pos);
      if (gt < 0) return this.incomplete();
      if (second === 47 /* / */) {
        this.name = localName(xml.slice(this.pos + 2, gt).trim());
        this.event = 'close';
        this.pos = gt + 1;
        return true;
      }
      this.selfClosing = xml.charCodeAt(gt - 1) === 47;
      const inner = this.selfClosing ? gt - 1 : gt;
      let nameEnd = this.pos + 1;
      while (nameEnd < inner && xml.charCodeAt(nameEnd) > 32) nameEnd++;
      this.name = localName(xml.slice(this.pos + 1, nameEnd));
      this.attrStart = nameEnd;
      this.attrEnd = inner;
      this.event = 'open';
      this.pos = gt + 1;
      return true;
    }
  }

  /** Waits for more text, or ends the document when none will come. */
  private incomplete(): false {
    return this.final ? this.finish() : false;
  }

  private finish(): false {
    this.event = 'end';
    this.pos = this.xml.length;
    return false;
  }

  /** An attribute of the open element, by local name, decoded. */
  attr(name: string): string | undefined {
    const attrs = this.xml.slice(this.attrStart, this.attrEnd);
    const pattern = /([\w.:-]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
    for (let m = pattern.exec(attrs); m; m = pattern.exec(attrs)) {
      if (localName(m[1] as string) === name) return decodeXmlText(m[3] ?? m[4] ?? '');
    }
    return undefined;
  }

  /** How long the current text is, before it is decoded or copied. */
  get textLength(): number {
    return this.textEnd - this.textStart;
  }

  /** The current text, decoded. */
  text(): string {
    const raw = this.xml.slice(this.textStart, this.textEnd);
    return this.verbatim ? raw.replace(/\r\n?/g, '\n') : decodeXmlText(raw);
  }
}
