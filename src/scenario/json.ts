/**
Strict JSON (RFC 8259) syntax check for `.json` scenario files.

The located tree is still built by the YAML parser (document.ts), which accepts
JSON but also much that JSON does not: trailing commas, comments, single-quoted
strings, unquoted keys, `.5`, `0x10`, `.inf`. A `.json` file is checked here
first, so such text is reported where it is (line and column) instead of being
read with YAML's more forgiving rules.
*/

/** The first syntax error of a JSON text. */
export interface JsonSyntaxError {
  line: number;
  col: number;
  message: string;
}

class Fail extends Error {
  constructor(
    readonly at: number,
    readonly why: string,
  ) {
    super(why);
  }
}

/** The first strict-JSON syntax error in `text`, or undefined if it is valid JSON (or blank). */
export function checkStrictJson(text: string, maxDepth: number): JsonSyntaxError | undefined {
  if (text.trim() === '') return undefined; // reported as an empty file by the caller
  try {
    const p = new JsonChecker(text, maxDepth);
    p.ws();
    p.value(0);
    p.ws();
    if (p.i < text.length) throw new Fail(p.i, `unexpected ${p.show(p.i)} after the end of the JSON value`);
    return undefined;
  } catch (err) {
    if (!(err instanceof Fail)) throw err;
    const { line, col } = lineCol(text, err.at);
    return { line, col, message: `JSON syntax: ${err.why}` };
  }
}

function lineCol(text: string, at: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < at && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, col: Math.min(at, text.length) - start + 1 };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y;
const LITERAL = /[A-Za-z_$][\w$]*/y;

class JsonChecker {
  i = 0;
  constructor(
    readonly s: string,
    readonly maxDepth: number,
  ) {}

  /** A short description of what is at `at`, for messages. */
  show(at: number): string {
    if (at >= this.s.length) return 'end of file';
    const c = this.s[at]!;
    if (c === '\n' || c === '\r') return 'end of line';
    if (c === '"') return 'a string (is a "," missing?)';
    LITERAL.lastIndex = at;
    const w = LITERAL.exec(this.s);
    if (w) return `"${w[0].slice(0, 30)}"`;
    return JSON.stringify(c);
  }

  ws(): void {
    const s = this.s;
    for (;;) {
      const c = s.charCodeAt(this.i);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.i++;
      else if (c === 47 && (s[this.i + 1] === '/' || s[this.i + 1] === '*')) throw new Fail(this.i, 'comments are not allowed in JSON');
      else return;
    }
  }

  value(depth: number): void {
    const s = this.s;
    const c = s[this.i];
    if (c === undefined) throw new Fail(this.i, 'unexpected end of file: a value is missing');
    if (c === '{' || c === '[') {
      if (depth >= this.maxDepth) throw new Fail(this.i, `nesting deeper than ${this.maxDepth} levels`);
      if (c === '{') this.object(depth + 1);
      else this.array(depth + 1);
      return;
    }
    if (c === '"') return this.string();
    if (c === "'") throw new Fail(this.i, 'strings must be in double quotes ("), not single quotes');
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    LITERAL.lastIndex = this.i;
    const w = LITERAL.exec(s);
    if (w && (w[0] === 'true' || w[0] === 'false' || w[0] === 'null')) {
      this.i += w[0].length;
      return;
    }
    if (w) throw new Fail(this.i, `unexpected "${w[0].slice(0, 30)}": text must be a string in double quotes (JSON words are only true, false and null)`);
    if (c === '.' || c === '+') throw new Fail(this.i, `invalid number: JSON numbers cannot start with "${c}"`);
    throw new Fail(this.i, `unexpected ${this.show(this.i)}: expected a value`);
  }

  object(depth: number): void {
    this.i++; // {
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      const c = this.s[this.i];
      if (c !== '"') {
        if (c === "'") throw new Fail(this.i, 'property names must be in double quotes ("), not single quotes');
        if (c === undefined) throw new Fail(this.i, 'unexpected end of file inside an object: "}" is missing');
        throw new Fail(this.i, `expected a property name in double quotes, got ${this.show(this.i)}`);
      }
      this.string();
      this.ws();
      if (this.s[this.i] !== ':') throw new Fail(this.i, `expected ":" after the property name, got ${this.show(this.i)}`);
      this.i++;
      this.ws();
      this.value(depth);
      this.ws();
      const d = this.s[this.i];
      if (d === '}') {
        this.i++;
        return;
      }
      if (d !== ',') {
        if (d === undefined) throw new Fail(this.i, 'unexpected end of file inside an object: "}" is missing');
        throw new Fail(this.i, `expected "," or "}" after a value, got ${this.show(this.i)}`);
      }
      const comma = this.i;
      this.i++;
      this.ws();
      if (this.s[this.i] === '}') throw new Fail(comma, 'trailing comma before "}" (not allowed in JSON)');
    }
  }

  array(depth: number): void {
    this.i++; // [
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return;
    }
    for (;;) {
      this.value(depth);
      this.ws();
      const d = this.s[this.i];
      if (d === ']') {
        this.i++;
        return;
      }
      if (d !== ',') {
        if (d === undefined) throw new Fail(this.i, 'unexpected end of file inside a list: "]" is missing');
        throw new Fail(this.i, `expected "," or "]" after a value, got ${this.show(this.i)}`);
      }
      const comma = this.i;
      this.i++;
      this.ws();
      if (this.s[this.i] === ']') throw new Fail(comma, 'trailing comma before "]" (not allowed in JSON)');
    }
  }

  string(): void {
    const s = this.s;
    const start = this.i;
    this.i++; // "
    for (;;) {
      if (this.i >= s.length) throw new Fail(start, 'unterminated string: the closing " is missing');
      const c = s.charCodeAt(this.i);
      if (c === 34) {
        this.i++;
        return;
      }
      if (c < 0x20) throw new Fail(this.i, c === 10 || c === 13 ? 'unterminated string: the closing " is missing before the end of the line' : 'control characters in strings must be escaped');
      if (c === 92) {
        const e = s[this.i + 1];
        if (e === 'u') {
          if (!/^[0-9A-Fa-f]{4}$/.test(s.slice(this.i + 2, this.i + 6))) throw new Fail(this.i, 'invalid \\u escape: expected 4 hex digits');
          this.i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) throw new Fail(this.i, `invalid escape "\\${e ?? ''}" in a string`);
        this.i += 2;
        continue;
      }
      this.i++;
    }
  }

  number(): void {
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(this.s);
    const next = m ? this.s[this.i + m[0].length] : undefined;
    if (!m || m[0] === '-' || (next !== undefined && /[\w.+-]/.test(next))) {
      throw new Fail(this.i, 'invalid number (JSON numbers look like 12, -0.5 or 1e9: no leading zeros, "+", hex or trailing ".")');
    }
    this.i += m[0].length;
  }
}
